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
}
