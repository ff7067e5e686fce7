package org.mineralsadvisor.http;

import io.javalin.http.Context;
import org.mineralsadvisor.audit.StoredRecord;
import org.mineralsadvisor.auth.Caller;
import org.mineralsadvisor.auth.Role;
import org.mineralsadvisor.service.AdvisoryService;
import org.mineralsadvisor.service.GivenAdvice;

/** POST /v1/advice and GET /v1/advice/{id}. */
final class AdviceHandler {
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
