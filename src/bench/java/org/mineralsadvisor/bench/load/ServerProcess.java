package org.mineralsadvisor.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server the driver starts on a loopback port (the service or the echo server): started only
 * on a free port, ready at the first 200 from {@code GET /readyz}, stopped by {@link #close()}
 * (SIGTERM, then SIGKILL after 30 s; see {@link Children}).
 */
final class ServerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final long startNanos;

    private ServerProcess(String name, Process process, Path log, int port, long startNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.startNanos = startNanos;
    }

    /**
     * Starts COMMAND with its output in LOG. PORT_SETTING names the variable that moves the
     * port, for the message when it is taken.
     */
    static ServerProcess start(String name, List<String> command, Path log, int port, String portSetting)
            throws IOException, InterruptedException, StepFailure {
        if (Http.listening(port)) {
            throw new StepFailure(name + ": port " + port + " on 127.0.0.1 is already in use (by another process;"
                    + " set " + portSetting + " to another port)");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        long start = System.nanoTime();
        return new ServerProcess(name, Children.start(builder), log, port, start);
    }

    /**
     * Polls {@code /readyz} every POLL_MILLIS until it answers 200; the milliseconds from the
     * launch to that answer. Fails when the process exits first or TIMEOUT_SECONDS pass.
     */
    double awaitReady(long timeoutSeconds, long pollMillis) throws InterruptedException, StepFailure {
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long poll = TimeUnit.MILLISECONDS.toNanos(pollMillis);
        long next = System.nanoTime();
        while (true) {
            int status = Http.status(port, "GET", "/readyz", null);
            long now = System.nanoTime();
            if (status == 200) {
                return (now - startNanos) / 1e6;
            }
            if (!process.isAlive()) {
                throw new StepFailure(name + " exited with " + process.exitValue() + " before it was ready (see "
                        + log + ")" + tail());
            }
            if (now > deadline) {
                throw new StepFailure(name + " was not ready after " + timeoutSeconds + " s (see " + log + ")");
            }
            next += poll;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            } else {
                next = System.nanoTime();
            }
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        Children.stop(process);
    }

    /** The last lines of the log, so that the reason shows without opening it. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> last = lines.subList(Math.max(0, lines.size() - 10), lines.size());
            return last.isEmpty() ? "" : ":\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "";
        }
    }
}
