package org.mineralsadvisor.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** `advisor serve` in a process of its own (for SIGTERM and SIGKILL tests), on a free port. */
public final class ServerProcess {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^ ]+)");

    private ServerProcess() {
    }

    /** Starts {@code serve --port 0} with {@code args} added. */
    public static Process start(String... args) throws Exception {
        return builder(args).start();
    }

    private static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.mineralsadvisor.cli.Main", "serve", "--port", "0"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /**
     * Starts {@code serve --port 0} with {@code args} added, its output going to {@code log}: a
     * file keeps every line, where a pipe loses the last ones when the process exits mid-read.
     */
    public static Process startLoggingTo(Path log, String... args) throws Exception {
        return builder(args).redirectOutput(log.toFile()).start();
    }

    /** The URL the server has logged to {@code log} once it listens. */
    public static String awaitListening(Process server, Path log) throws Exception {
        // Generous: on a loaded machine compiling the rules alone can take most of a minute.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && server.isAlive()) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50); // poll interval
        }
        throw new AssertionError("the server did not listen; it logged:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The URL the server logs once it listens (it keeps draining the output afterwards). */
    public static String awaitListening(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
                url.completeExceptionally(new AssertionError("the server exited before listening"));
            } catch (Exception e) {
                url.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return url.get(60, TimeUnit.SECONDS);
    }
}
