package org.mineralsadvisor.http;

import io.javalin.http.Context;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.StoredRecord;
import org.mineralsadvisor.auth.Caller;
import org.mineralsadvisor.auth.Role;
import org.mineralsadvisor.service.AdvisoryService;
import org.mineralsadvisor.service.GivenAdvice;
import org.mineralsadvisor.timeline.InvalidRangeException;
import org.mineralsadvisor.timeline.TimelineRange;
import org.mineralsadvisor.timeline.TimelineReport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** POST /v1/advice, GET /v1/advice/{id} and POST /v1/advice/timeline. */
final class AdviceHandler {
    private static final Set<String> TIMELINE_PARAMETERS = Set.of("from", "to", "step");
    private final AdvisoryService service;
    private final long maxBodyBytes;

    AdviceHandler(AdvisoryService service, long maxBodyBytes) {
        this.service = service;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** POST /v1/advice[?trace=full|none]: evaluates, records the full advice, answers with the detail asked for. */
    void create(Context ctx) {
        TraceDetail detail = TraceDetail.of(ctx);
        RequestBodies.requireJson(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw new ProblemException(ErrorMapper.tooLarge(ctx));
        }
        GivenAdvice given = service.advise(ctx.bodyAsBytes(), Access.caller(ctx));
        ctx.attribute(RequestLog.ADVICE_ID, given.advice().id());
        ctx.status(201).header("Location", "/v1/advice/" + given.advice().id());
        Responses.utf8(ctx, Responses.JSON, detail.body(given));
    }

    /**
     * POST /v1/advice/timeline?from=&to=&step=: the profile's advice across a range of dates,
     * recorded nowhere. The query is checked first (every problem at once, a 400), then the body
     * as for POST /v1/advice.
     */
    void timeline(Context ctx) {
        List<ParameterProblem> problems = new ArrayList<>(QueryParameters.unknownOrRepeated(ctx, TIMELINE_PARAMETERS));
        TimelineRange range = null;
        try {
            range = TimelineRange.of(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("step"), p -> p);
        } catch (InvalidRangeException e) {
            // A repeated parameter is reported once, as repeated, not again for its first value.
            Set<String> named = new HashSet<>();
            problems.forEach(p -> named.add(p.parameter()));
            e.problems().stream().filter(p -> !named.contains(p.parameter()))
                    .forEach(p -> problems.add(new ParameterProblem(p.parameter(), p.code(), p.message())));
        }
        if (!problems.isEmpty()) {
            throw QueryParameters.invalid(problems);
        }
        RequestBodies.requireJson(ctx);
        if (ctx.req().getContentLengthLong() > maxBodyBytes) {
            throw new ProblemException(ErrorMapper.tooLarge(ctx));
        }
        TimelineReport report;
        try {
            report = service.timeline(ctx.bodyAsBytes(), range);
        } catch (InvalidRangeException e) {
            throw QueryParameters.invalid(e.problems().stream()
                    .map(p -> new ParameterProblem(p.parameter(), p.code(), p.message())).toList());
        }
        Responses.utf8(ctx, Responses.JSON, AdviceJson.compactBytes(report));
    }

    void read(Context ctx) {
        String id = ctx.pathParam("id");
        Caller caller = Access.caller(ctx);
        StoredRecord record = service.find(id)
                // An officer sees the advice given to its own key; to others it does not exist.
                .filter(r -> caller.local() || caller.role() != Role.OFFICER || r.keyId().equals(caller.keyId()))
                .orElseThrow(() -> new ProblemException(Problem.of(404, "advice-not-found", "Advice not found",
                        "no advice with id " + id)));
        ctx.attribute(RequestLog.ADVICE_ID, id);
        Responses.utf8(ctx, Responses.JSON, record.advice());
    }
}
