package org.mineralsadvisor.http;

import io.javalin.http.Context;
import org.mineralsadvisor.auth.Caller;
import org.mineralsadvisor.auth.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET /v1/session: who the key belongs to and which parts of the service its role may use, so
 * that a client (the web page) shows only what the caller can do instead of discovering it
 * one 403 at a time.
 */
final class SessionHandler {
    private final Access access;

    SessionHandler(Access access) {
        this.access = access;
    }

    /** Public, so that a page without a key learns it needs one without a 401 in its console. */
    void session(Context ctx) {
        Optional<Caller> caller = access.identify(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("local", access.localMode());
        body.put("role", caller.map(c -> c.role().id()).orElse(null));
        body.put("keyId", caller.map(Caller::keyId).orElse(null));
        body.put("views", caller.map(SessionHandler::views).orElse(List.of()));
        Responses.json(ctx, body);
    }

    /** The page's views the role may use: what each role's routes allow, admin (and local mode) all. */
    static List<String> views(Caller caller) {
        boolean all = caller.local() || caller.role() == Role.ADMIN;
        List<String> views = new ArrayList<>();
        if (all || caller.role() == Role.OFFICER) {
            views.add("officer");
        }
        if (all || caller.role() == Role.AUDITOR) {
            views.add("auditor");
        }
        if (all || caller.role() == Role.EXPERT || caller.role() == Role.AUDITOR) {
            views.add("rulesets");
        }
        return views;
    }
}
