package org.mineralsadvisor.http;

import io.javalin.http.Context;
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
import com.fasterxml.jackson.databind.util.RawValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** POST /v1/advice (with or without a shock scenario), GET /v1/advice/{id} and GET /v1/scenarios. */
final class AdviceHandler {
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
