package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import org.mineralsadvisor.authoring.GateResult;
import org.mineralsadvisor.authoring.ImpactPreview;
import org.mineralsadvisor.authoring.InvalidUploadException;
import org.mineralsadvisor.authoring.LifecycleException;
import org.mineralsadvisor.authoring.RuleSetLifecycle;
import org.mineralsadvisor.authoring.RuleSetUpload;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;

/** The rule-set lifecycle routes: list, inspect, upload, approve, activate (or roll back). */
final class RuleSetHandler {
    private final RuleSetLifecycle lifecycle;
    private final long maxBodyBytes;

    RuleSetHandler(RuleSetLifecycle lifecycle, long maxBodyBytes) {
        this.lifecycle = lifecycle;
        this.maxBodyBytes = maxBodyBytes;
    }

    void list(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", lifecycle.activeVersion());
        body.put("approvalsRequired", lifecycle.requiredApprovals());
        body.put("ruleSets", lifecycle.list());
        body.put("activations", lifecycle.activations());
        Responses.json(ctx, body);
    }

    void candidates(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", lifecycle.activeVersion());
        body.put("candidates", lifecycle.candidates());
        Responses.json(ctx, body);
    }

    void read(Context ctx) {
        Responses.json(ctx, guarded(() -> lifecycle.details(ctx.pathParam("version"))));
    }

    void upload(Context ctx) {
        if (ctx.req().getContentLengthLong() > maxBodyBytes) {
            throw new ProblemException(ErrorMapper.tooLarge(ctx));
        }
        RuleSetUpload upload;
        try {
            upload = RuleSetUpload.parse(ctx.bodyAsBytes());
        } catch (InvalidUploadException e) {
            String detail = e.problems().size() + " problem(s) in the upload: " + e.problems().stream()
                    .map(p -> (p.pointer().isEmpty() ? "(document)" : p.pointer()) + " " + p.code())
                    .collect(Collectors.joining(", "));
            throw new ProblemException(e.malformed()
                    ? Problem.of(400, "malformed-json", "Malformed JSON", detail).with(e.problems())
                    : Problem.of(422, "invalid-upload", "Invalid rule-set upload", detail).with(e.problems()));
        }
        boolean known = lifecycle.knows(upload.files());
        GateResult result = lifecycle.propose(upload.files(), RuleSetLifecycle.ORIGIN_UPLOAD, Access.caller(ctx),
                upload.reason());
        String location = "/v1/rulesets/" + URLEncoder.encode(result.version(), StandardCharsets.UTF_8);
        if (!result.passed()) {
            ctx.header("Location", location);
            throw new ProblemException(Problem.of(422, "ruleset-rejected", "Rule set rejected",
                    "rule set " + result.version() + " did not pass the gate: " + result.errors().size()
                            + " problem(s); nothing changed in what is served").with(result.errors()));
        }
        // The same files again create nothing (the first proposer and reason stand); the call still
        // counts as this key's approval of a ready candidate.
        ctx.status(known ? 200 : 201).header("Location", location);
        Responses.json(ctx, lifecycle.details(result.version()));
    }

    /** GET /v1/rulesets/{version}/impact?against=active&limit=N */
    void impact(Context ctx) {
        List<ParameterProblem> problems = new java.util.ArrayList<>(QueryParameters.unknownOrRepeated(ctx, Set.of("against", "limit")));
        String against = ctx.queryParam("against");
        if (against != null && against.isBlank()) {
            problems.add(new ParameterProblem("against", "invalid_value", "against must be 'active' or a rule-set version"));
        }
        int limit = ImpactPreview.DEFAULT_PROFILES;
        String limitText = ctx.queryParam("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
                if (limit < 1 || limit > ImpactPreview.MAX_PROFILES) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(new ParameterProblem("limit", "invalid_value",
                        "limit must be a whole number from 1 to " + ImpactPreview.MAX_PROFILES + ", not '" + limitText + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw QueryParameters.invalid(problems);
        }
        int profiles = limit;
        Responses.json(ctx, guarded(() -> lifecycle.impact(ctx.pathParam("version"), against, profiles)));
    }

    void approve(Context ctx) {
        noBody(ctx);
        Responses.json(ctx, guarded(() -> lifecycle.approve(ctx.pathParam("version"), Access.caller(ctx))));
    }

    void activate(Context ctx) {
        String reason = reason(ctx);
        Responses.json(ctx, guarded(() -> lifecycle.activate(ctx.pathParam("version"), Access.caller(ctx), reason)));
    }

    /** An optional {@code {"reason": "…"}} body; anything else in it is refused, not ignored. */
    private static String reason(Context ctx) {
        JsonNode root = optionalObject(ctx, "{\"reason\": \"…\"}");
        if (root == null) {
            return null;
        }
        List<org.mineralsadvisor.authoring.UploadProblem> problems = new java.util.ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals("reason")) {
                problems.add(new org.mineralsadvisor.authoring.UploadProblem("/" + name.replace("~", "~0").replace("/", "~1"),
                        "unknown_field", "unknown field '" + name + "' (the body is {\"reason\": \"…\"})"));
            }
        });
        JsonNode reason = root.get("reason");
        if (reason != null && !reason.isTextual()) {
            problems.add(new org.mineralsadvisor.authoring.UploadProblem("/reason", "wrong_type", "expected a string"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(Problem.of(422, "invalid-request", "Invalid request",
                    problems.size() + " problem(s) in the body").with(problems));
        }
        return reason == null ? null : reason.asText();
    }

    /** POST …/approve takes no body: an empty one or {@code {}}, so that nothing sent is silently ignored. */
    private static void noBody(Context ctx) {
        RequestBodies.requireNone(ctx, "an approval takes no body (send none, or {}); the approver is the key that calls");
    }

    private static JsonNode optionalObject(Context ctx, String expected) {
        return RequestBodies.optionalObject(ctx, expected);
    }

    private static <T> T guarded(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (LifecycleException e) {
            Problem problem = Problem.of(e.status(), e.slug(), e.title(), e.getMessage());
            throw new ProblemException(e.problems().isEmpty() ? problem : problem.with(e.problems()));
        }
    }
}
