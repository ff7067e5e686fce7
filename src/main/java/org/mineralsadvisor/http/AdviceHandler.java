package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.http.Context;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.StoredRecord;
import org.mineralsadvisor.auth.Caller;
import org.mineralsadvisor.auth.Role;
import org.mineralsadvisor.service.AdvisoryService;
import org.mineralsadvisor.service.GivenAdvice;
import org.mineralsadvisor.service.ShockAdvice;
import org.mineralsadvisor.shock.InvalidShockScenarioException;
import org.mineralsadvisor.shock.ScenarioLibrary;
import org.mineralsadvisor.shock.ShockReport;
import org.mineralsadvisor.shock.ShockScenario;
import org.mineralsadvisor.timeline.InvalidRangeException;
import org.mineralsadvisor.timeline.TimelineRange;
import org.mineralsadvisor.timeline.TimelineReport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** POST /v1/advice (with or without a shock scenario), GET /v1/advice/{id}, POST /v1/advice/timeline and GET /v1/scenarios. */
final class AdviceHandler {
    private static final Set<String> TIMELINE_PARAMETERS = Set.of("from", "to", "step");
    private final AdvisoryService service;
    private final long maxBodyBytes;
    private final ScenarioLibrary scenarios;

    AdviceHandler(AdvisoryService service, long maxBodyBytes, ScenarioLibrary scenarios) {
        this.service = service;
        this.maxBodyBytes = maxBodyBytes;
        this.scenarios = scenarios;
    }

    /**
     * POST /v1/advice[?trace=full|none][&scenario=NAME]: evaluates, records the full advice,
     * answers with the detail asked for. Under a shock scenario (named in the query or given in
     * the body, see {@link ScenarioRequest}) both the baseline and the scenario's advice are
     * recorded, and the answer is a {@link ShockReport}; its Location is the scenario's advice.
     */
    void create(Context ctx) {
        TraceDetail detail = TraceDetail.of(ctx, Set.of(ScenarioRequest.PARAMETER));
        RequestBodies.requireJson(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw new ProblemException(ErrorMapper.tooLarge(ctx));
        }
        ScenarioRequest request = ScenarioRequest.of(ctx, ctx.bodyAsBytes(), scenarios);
        if (request.scenario() != null) {
            createUnder(ctx, detail, request);
            return;
        }
        GivenAdvice given = service.advise(request.profile(), Access.caller(ctx));
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

    private void createUnder(Context ctx, TraceDetail detail, ScenarioRequest request) {
        ShockAdvice given;
        try {
            given = service.advise(request.profile(), request.scenario(), Access.caller(ctx));
        } catch (InvalidShockScenarioException e) {
            throw request.scenario().file().equals(ScenarioRequest.INLINE) ? ScenarioRequest.inline(e) : e;
        }
        String id = given.scenario().advice().id();
        ctx.attribute(RequestLog.ADVICE_ID, id);
        ctx.status(201).header("Location", "/v1/advice/" + id);
        ShockReport report = ShockReport.of(given.shocked(),
                new RawValue(new String(detail.body(given.baseline()), StandardCharsets.UTF_8)),
                new RawValue(new String(detail.body(given.scenario()), StandardCharsets.UTF_8)), given.difference());
        Responses.json(ctx, report);
    }

    /** GET /v1/scenarios: the scenario library, each with its title and description, or its problems. */
    void scenarios(Context ctx) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ScenarioLibrary.Entry entry : scenarios.entries()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", entry.name());
            ShockScenario s = entry.scenario();
            if (s != null) {
                item.put("title", s.title());
                if (s.description() != null) {
                    item.put("description", s.description());
                }
                item.put("sources", s.sources());
                item.put("writtenFor", s.writtenFor());
                item.put("changes", s.changes().size());
            } else {
                item.put("problems", entry.problems());
            }
            list.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("factBase", service.knowledge().facts().version());
        body.put("scenarios", list);
        Responses.json(ctx, body);
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
