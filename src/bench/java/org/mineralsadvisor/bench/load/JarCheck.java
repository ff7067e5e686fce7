package org.mineralsadvisor.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * Checks {@code bench/run}'s private copies of the jars ({@link BenchRun}) before it uses them: each opens as a
 * zip and holds the classes the run needs. A copy taken while another build was rewriting
 * {@code target/} fails here instead of half-way through the run.
 *
 * <pre>java -cp BENCHMARKS_JAR org.mineralsadvisor.bench.load.JarCheck ADVISOR_JAR BENCHMARKS_JAR</pre>
 */
public final class JarCheck {
    private JarCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: JarCheck ADVISOR_JAR BENCHMARKS_JAR");
            System.exit(2);
        }
        System.exit(check(Path.of(args[0]), Path.of(args[1])) ? 0 : 1);
    }

    /** Whether both jars are whole and hold what a run needs; what is wrong goes to stderr. */
    static boolean check(Path advisorJar, Path benchmarksJar) {
        return check(advisorJar.toString(), "org/mineralsadvisor/cli/Main.class")
                & check(benchmarksJar.toString(), "META-INF/BenchmarkList", "org/openjdk/jmh/Main.class",
                        "org/mineralsadvisor/bench/load/EchoServer.class",
                        "org/mineralsadvisor/bench/load/BenchRun.class",
                        "org/mineralsadvisor/bench/load/ColdStart.class",
                        "org/mineralsadvisor/bench/load/BatchEvaluate.class",
                        "org/mineralsadvisor/bench/load/Report.class");
    }

    private static boolean check(String jar, String... entries) {
        try (ZipFile zip = new ZipFile(jar)) {
            boolean ok = true;
            for (String entry : entries) {
                if (zip.getEntry(entry) == null) {
                    System.err.println(jar + ": no " + entry);
                    ok = false;
                }
            }
            // Read every entry's bytes: a truncated or rewritten jar fails its CRC check here.
            var all = zip.entries();
            while (all.hasMoreElements()) {
                var e = all.nextElement();
                try (var in = zip.getInputStream(e)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return ok;
        } catch (IOException e) {
            System.err.println(jar + ": " + e.getMessage());
            return false;
        }
    }
}
