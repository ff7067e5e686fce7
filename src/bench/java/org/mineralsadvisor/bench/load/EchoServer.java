package org.mineralsadvisor.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;

/**
 * The ceiling of the HTTP stack on this machine: a bare Javalin server (the product's
 * Javalin, Jetty and Jackson) whose {@code POST /v1/advice} parses the JSON body into a
 * {@link JsonNode} and writes it back (201). No rules, no validation, no audit store, no
 * request log or metrics: {@code bench/run} compares the service's requests/s with this.
 *
 * <pre>java -cp target/benchmarks.jar org.mineralsadvisor.bench.load.EchoServer [PORT] [HOST]</pre>
 *
 * PORT defaults to 7071 (0: a free port), HOST to 127.0.0.1. It prints
 * {@code echo listening on http://HOST:PORT} on stdout once it accepts connections and stops
 * on SIGTERM.
 */
public final class EchoServer {
    private EchoServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7071;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        ObjectMapper mapper = new ObjectMapper();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.post("/v1/advice", ctx -> {
                JsonNode body = mapper.readTree(ctx.bodyAsBytes());
                ctx.status(201).contentType("application/json").result(mapper.writeValueAsBytes(body));
            });
            config.routes.get("/readyz", ctx -> ctx.result("ok"));
        }).start(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "echo-stop"));
        System.out.println("echo listening on http://" + host + ":" + app.port());
        System.out.flush();
    }
}
