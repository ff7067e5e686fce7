package org.mineralsadvisor.bench.load;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the benchmark driver starts (servers, JMH, wrk, the CDS training). None
 * outlives the driver: {@link #stop} ends one (SIGTERM, up to 30 s, then SIGKILL, and its
 * descendants: JMH's forks), and a shutdown hook ends whatever is still running when the
 * driver exits, however it exits (an exception, Ctrl-C, SIGTERM).
 */
final class Children {
    private static final long GRACE_SECONDS = 30;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Children::stopAll, "bench-children"));
    }

    private Children() {
    }

    static Process start(ProcessBuilder builder) throws IOException {
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        LIVE.add(process);
        return process;
    }

    /**
     * Runs COMMAND to its end, its output (stdout and stderr) in LOG and, when ECHO, on this
     * process's stdout too; the exit code.
     */
    static int run(List<String> command, Map<String, String> env, Path log, boolean echo)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        if (!echo) {
            builder.redirectOutput(log.toFile());
        }
        Process process = start(builder);
        try {
            if (echo) {
                try (InputStream in = process.getInputStream(); OutputStream file = Files.newOutputStream(log)) {
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = in.read(buffer)) != -1) {
                        file.write(buffer, 0, n);
                        System.out.write(buffer, 0, n);
                        System.out.flush();
                    }
                }
            }
            return process.waitFor();
        } finally {
            stop(process);
        }
    }

    /** SIGTERM, up to 30 s to exit, then SIGKILL; its descendants the same way. */
    static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    System.err.println("bench: pid " + process.pid() + " did not stop within " + GRACE_SECONDS
                            + " s of SIGTERM; SIGKILL");
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            LIVE.remove(process);
        }
    }

    private static void stopAll() {
        for (Process process : List.copyOf(LIVE)) {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }
}
