package org.mineralsadvisor.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.util.Map;

/**
 * The web page at {@code /}: plain HTML, CSS and JavaScript modules from the jar's {@code web/}
 * folder, no build step and nothing from another origin. The Content-Security-Policy says so to
 * the browser too: only this origin's scripts, styles, images and API, no inline script, and
 * no framing, so a hostile value in an advice or a rule file can never run as code.
 */
final class WebPage {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private WebPage() {
    }

    static void serve(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            // A new jar's page must never mix with an old one's cached modules.
            files.headers = Map.of(
                    "Cache-Control", "no-cache",
                    "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                    "X-Content-Type-Options", "nosniff",
                    "Referrer-Policy", "no-referrer");
            // Every answer of the service names its charset; the page's files are UTF-8.
            files.mimeTypes.add("text/html; charset=utf-8", "html");
            files.mimeTypes.add("text/javascript; charset=utf-8", "js");
            files.mimeTypes.add("text/css; charset=utf-8", "css");
            files.mimeTypes.add("application/json; charset=utf-8", "json");
        });
    }
}
