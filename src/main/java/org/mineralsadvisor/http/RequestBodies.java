package org.mineralsadvisor.http;

import io.javalin.http.Context;

import java.util.Locale;
import java.util.Map;

/**
 * The Content-Type a POST body may be declared with. Bodies are JSON, so a body declared as
 * something else ({@code text/plain}, {@code application/xml}) is a 415 that says what to send
 * rather than a parse error about its first character. Accepted: no Content-Type,
 * {@code application/json} with any parameters, and {@code application/x-www-form-urlencoded},
 * which is what {@code curl --data-binary @profile.json} declares unless told otherwise.
 */
final class RequestBodies {
    static final String ACCEPTED = "application/json";
    private static final String CURL_DEFAULT = "application/x-www-form-urlencoded";

    private RequestBodies() {
    }

    static void requireJson(Context ctx) {
        String declared = ctx.header("Content-Type");
        if (declared == null || declared.isBlank()) {
            return;
        }
        String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals(ACCEPTED) || type.equals(CURL_DEFAULT)) {
            return;
        }
        throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "the body is declared as " + type + "; send JSON with Content-Type: " + ACCEPTED),
                Map.of("Accept-Post", ACCEPTED));
    }

    /** A body that takes nothing: none, or {@code {}}; anything else is a 422 saying {@code why}, never ignored. */
    static void requireNone(Context ctx, String why) {
        com.fasterxml.jackson.databind.JsonNode root = optionalObject(ctx, "{}");
        if (root != null && root.size() > 0) {
            throw new ProblemException(Problem.of(422, "invalid-request", "Invalid request", why));
        }
    }

    /** The body as a JSON object, or null when none was sent; 400 when it is not JSON, 422 when not an object. */
    static com.fasterxml.jackson.databind.JsonNode optionalObject(Context ctx, String expected) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = org.mineralsadvisor.advice.AdviceJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON", "the body is not valid JSON"));
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(Problem.of(422, "invalid-request", "Invalid request",
                    "the body, when sent, must be " + expected));
        }
        return root;
    }
}
