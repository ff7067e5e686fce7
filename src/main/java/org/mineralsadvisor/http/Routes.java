package org.mineralsadvisor.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The route table: registered with Javalin, and asked which methods a path allows (for 405's
 * Allow). A route takes no query parameters unless it validates its own query, so an unknown
 * one is a 400 everywhere, after the caller's key and role were checked; a POST body declared
 * as anything but JSON is a 415 ({@link RequestBodies}).
 */
final class Routes {
    private record Route(String method, String path, Pattern pattern, Handler handler, RouteRole[] roles) {
    }

    private final List<Route> routes = new ArrayList<>();

    Routes get(String path, Handler handler, RouteRole... roles) {
        return add("GET", path, withoutQuery(handler), roles);
    }

    /** A POST whose body, when sent, is JSON: another declared media type is a 415 before it is read. */
    Routes post(String path, Handler handler, RouteRole... roles) {
        Handler checked = ctx -> {
            RequestBodies.requireJson(ctx);
            handler.handle(ctx);
        };
        return add("POST", path, withoutQuery(checked), roles);
    }

    /**
     * A POST whose handler checks its query itself and then, before reading it, that the body
     * is JSON (as {@link #post} does, in that order: an unknown parameter is a 400 first).
     */
    Routes postValidatingQuery(String path, Handler handler, RouteRole... roles) {
        return add("POST", path, handler, roles);
    }

    /** A GET whose handler checks its query itself, reporting unknown parameters with its other problems. */
    Routes getValidatingQuery(String path, Handler handler, RouteRole... roles) {
        return add("GET", path, handler, roles);
    }

    private static Handler withoutQuery(Handler handler) {
        return ctx -> {
            QueryParameters.requireKnown(ctx, Set.of());
            handler.handle(ctx);
        };
    }

    private Routes add(String method, String path, Handler handler, RouteRole... roles) {
        Pattern pattern = Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
        routes.add(new Route(method, path, pattern, handler, roles));
        return this;
    }

    void register(JavalinConfig config) {
        for (Route r : routes) {
            if (r.method().equals("GET")) {
                config.routes.get(r.path(), r.handler(), r.roles());
                // Explicitly, so that a HEAD passes the same key, role and query checks as its GET
                // (Javalin's implicit HEAD answered 200 without running them); Jetty sends no body.
                config.routes.head(r.path(), r.handler(), r.roles());
            } else {
                config.routes.post(r.path(), r.handler(), r.roles());
            }
        }
    }

    /** The methods registered for {@code path}, comma-separated ("" when none). */
    String allowed(String path) {
        TreeSet<String> methods = new TreeSet<>();
        for (Route r : routes) {
            if (r.pattern().matcher(path).matches()) {
                methods.add(r.method());
                if (r.method().equals("GET")) {
                    methods.add("HEAD");
                }
            }
        }
        return String.join(", ", methods);
    }
}
