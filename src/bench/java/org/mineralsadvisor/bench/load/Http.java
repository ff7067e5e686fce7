package org.mineralsadvisor.bench.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Loopback HTTP for the driver: readiness polls, {@code /metrics}, the audit verification. */
final class Http {
    /** HTTP/1.1 only: the JDK client would otherwise offer an h2c upgrade on every request. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private Http() {
    }

    /** The status of METHOD PATH on 127.0.0.1:PORT; -1 when nothing listens, 0 when the connection breaks. */
    static int status(int port, String method, String path, byte[] body) throws InterruptedException {
        try {
            return CLIENT.send(request(port, method, path, body, Duration.ofSeconds(60)),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException e) {
            return -1;
        } catch (IOException e) {
            // Accepted, then reset while the server was still starting: not ready.
            return 0;
        }
    }

    static boolean listening(int port) throws InterruptedException {
        return status(port, "GET", "/readyz", null) != -1;
    }

    /** The body of GET PATH; fails unless it answers 200 within TIMEOUT. */
    static String get(int port, String path, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request(port, "GET", path, null, timeout),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static HttpRequest request(int port, String method, String path, byte[] body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout);
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
