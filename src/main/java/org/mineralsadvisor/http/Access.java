package org.mineralsadvisor.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.auth.Caller;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates callers by API key and checks the route's roles: 401 when the key is
 * missing or unknown, 403 when the key's role may not use the route. Routes without roles
 * are public. In local single-user mode every caller has every role.
 */
final class Access {
    static final String CALLER = "caller";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"minerals-advisor\"");

    private final ApiKeys keys;

    Access(ApiKeys keys) {
        this.keys = keys;
    }

    boolean localMode() {
        return keys.isEmpty();
    }

    void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        Caller caller = localMode() ? Caller.LOCAL : authenticate(ctx);
        if (!caller.may(roles)) {
            // The matched route's template: in a before-handler ctx.endpoint() is the filter's own "*".
            var route = ctx.endpoints().matchedHttpEndpoint();
            throw new ProblemException(Problem.of(403, "forbidden", "Forbidden",
                    "role " + caller.role().id() + " may not " + ctx.method() + " "
                            + (route == null ? ctx.path() : route.path) + " (key " + caller.keyId() + ")"));
        }
        ctx.attribute(CALLER, caller);
    }

    /**
     * The caller of a public route, if it says who it is: local mode's caller, the key's caller,
     * or none when no key was sent; a key that is sent must be valid (401 otherwise).
     */
    Optional<Caller> identify(Context ctx) {
        if (localMode()) {
            return Optional.of(Caller.LOCAL);
        }
        String header = ctx.header("Authorization");
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(authenticate(ctx));
    }

    private Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ProblemException(Problem.of(401, "unauthenticated", "Authentication required",
                    "send an API key as 'Authorization: Bearer <key>'"), CHALLENGE);
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new ProblemException(Problem.of(401, "unauthenticated", "Authentication required",
                    "the Authorization header must use the Bearer scheme"), CHALLENGE);
        }
        Optional<Caller> caller = keys.authenticate(header.substring(7).trim());
        return caller.orElseThrow(() -> new ProblemException(Problem.of(401, "unauthenticated",
                "Authentication required", "the API key is not valid"), CHALLENGE));
    }

    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        return caller == null ? Caller.LOCAL : caller;
    }
}
