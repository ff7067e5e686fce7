package org.mineralsadvisor.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.io.EofException;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.StoreUnavailableException;
import org.mineralsadvisor.audit.UnreadableRecordException;
import org.mineralsadvisor.evaluation.EvaluationLimitException;
import org.mineralsadvisor.evaluation.EvaluationTimeoutException;
import org.mineralsadvisor.profile.InvalidProfileException;
import org.mineralsadvisor.profile.ProfileProblem;
import org.mineralsadvisor.service.OverloadedException;
import org.mineralsadvisor.shock.InvalidShockScenarioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Maps every failure to one body shape, a problem document; never a stack trace. */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    static void install(JavalinConfig config, Routes routes) {
        config.routes.exception(ProblemException.class, (e, ctx) -> send(ctx, e.problem(), e.headers()));
        config.routes.exception(InvalidProfileException.class, (e, ctx) -> send(ctx, invalidProfile(e), Map.of()));
        config.routes.exception(InvalidShockScenarioException.class, (e, ctx) -> send(ctx,
                Problem.of(422, "invalid-scenario", "Invalid shock scenario", e.problems().size()
                        + " problem(s) in shock scenario " + e.scenario() + "; nothing was stored").with(e.problems()),
                Map.of()));
        config.routes.exception(OverloadedException.class, (e, ctx) -> send(ctx,
                Problem.of(503, "overloaded", "Service overloaded", e.getMessage() + "; nothing was stored"),
                Map.of("Retry-After", "1")));
        config.routes.exception(EvaluationTimeoutException.class, (e, ctx) -> send(ctx,
                Problem.of(503, "evaluation-timeout", "Evaluation took too long", e.getMessage() + "; nothing was stored"),
                Map.of("Retry-After", "1")));
        config.routes.exception(EvaluationLimitException.class, (e, ctx) -> send(ctx,
                Problem.of(500, "evaluation-limit", "Evaluation exceeded its rule-firing limit",
                        e.getMessage() + "; nothing was stored"), Map.of()));
        config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.error("audit store unavailable: {}", e.getMessage());
            send(ctx, Problem.of(503, "store-unavailable", "Audit store unavailable",
                    "the advice could not be recorded, so it is not given; try again"), Map.of("Retry-After", "1"));
        });
        // A damaged or edited stored record: say which, so that an auditor can run verify and find it.
        config.routes.exception(UnreadableRecordException.class, (e, ctx) -> {
            LOG.error("unreadable audit record on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            send(ctx, Problem.of(500, "record-unreadable", "Stored record cannot be read",
                    e.getMessage() + "; GET /v1/audit/verify reports the first such record"), Map.of());
        });
        // The client closed the connection before its body arrived: nobody is left to answer,
        // and it is no failure of the service.
        config.routes.exception(EofException.class, (e, ctx) -> {
            LOG.info("client went away during {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            send(ctx, Problem.of(400, "client-closed", "Request incomplete",
                    "the connection closed before the request body arrived"), Map.of());
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, fromJavalin(e.getStatus(), e.getMessage()), Map.of()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            send(ctx, Problem.of(500, "internal-error", "Internal error",
                    "the request failed unexpectedly; the failure is logged"), Map.of());
        });
        config.routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                send(ctx, Problem.of(404, "not-found", "Not found", "no route " + ctx.method() + " " + ctx.path()), Map.of());
            }
        });
        config.routes.error(405, ctx -> {
            String allow = routes.allowed(ctx.path());
            if (!allow.isEmpty()) {
                ctx.header("Allow", allow);
            }
            if (!isProblem(ctx)) {
                send(ctx, Problem.of(405, "method-not-allowed", "Method not allowed",
                        ctx.method() + " is not allowed on " + ctx.path()), Map.of());
            }
        });
        config.routes.error(413, ctx -> {
            if (!isProblem(ctx)) {
                send(ctx, tooLarge(ctx), Map.of());
            }
        });
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.MEDIA_TYPE);
    }

    /** How much of an oversize body is read and discarded before the 413, in limits. */
    private static final int DRAIN_LIMITS = 16;

    static Problem tooLarge(Context ctx) {
        drainOversizeBody(ctx);
        return Problem.of(413, "too-large", "Request body too large",
                "the body exceeds the limit of " + ctx.appData(AdvisorServer.MAX_BODY) + " bytes");
    }

    /**
     * A client is usually still sending an oversize body when the 413 is ready. Closing the
     * connection with its bytes unread makes TCP answer them with a reset, which can destroy the
     * 413 before the client reads it ("connection reset" instead of the problem document). So a
     * body up to {@value #DRAIN_LIMITS} times the limit is read and discarded first (bounded by
     * the connection's idle timeout); a larger one gets the 413 and a closed connection.
     */
    private static void drainOversizeBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        long cap = DRAIN_LIMITS * ctx.appData(AdvisorServer.MAX_BODY);
        if (declared > cap) {
            ctx.header("Connection", "close");
            return;
        }
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try {
            var in = ctx.req().getInputStream();
            for (int n; read <= cap && (n = in.read(buffer)) != -1; ) {
                read += n;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // The client gave up or Javalin already refused the rest: the 413 is all that is left.
            ctx.header("Connection", "close");
        }
        if (read > cap) {
            ctx.header("Connection", "close");
        }
    }

    private static Problem fromJavalin(int status, String message) {
        return switch (status) {
            case 404 -> Problem.of(404, "not-found", "Not found", message);
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", message);
            case 413 -> Problem.of(413, "too-large", "Request body too large", message);
            default -> Problem.of(status, "http-" + status, message, message);
        };
    }

    /** Malformed JSON and oversize bodies are the client's syntax (400/413); the rest is semantics (422). */
    static Problem invalidProfile(InvalidProfileException e) {
        List<ProfileProblem> problems = e.problems();
        boolean malformed = problems.stream().anyMatch(p -> p.code().equals("malformed_json"));
        boolean tooLarge = problems.stream().anyMatch(p -> p.code().equals("too_large"));
        String detail = problems.size() + " problem(s) in the profile: " + problems.stream()
                .map(p -> (p.pointer().isEmpty() ? "(document)" : p.pointer()) + " " + p.code())
                .collect(Collectors.joining(", "));
        if (tooLarge) {
            return Problem.of(413, "too-large", "Request body too large", detail).with(problems);
        }
        if (malformed) {
            return Problem.of(400, "malformed-json", "Malformed JSON", detail).with(problems);
        }
        return Problem.of(422, "invalid-profile", "Invalid profile", detail).with(problems);
    }

    static void send(Context ctx, Problem problem, Map<String, String> headers) {
        headers.forEach(ctx::header);
        ctx.status(problem.status());
        Responses.utf8(ctx, Responses.PROBLEM_JSON, AdviceJson.compactBytes(problem.at(ctx.path())));
    }
}
