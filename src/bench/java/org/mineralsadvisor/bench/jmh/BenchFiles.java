package org.mineralsadvisor.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the benchmarks find the shipped rules, facts and samples: relative to the working
 * directory (the repository root), or to {@code -Dadvisor.root=DIR} (pass it to the forks with
 * {@code -jvmArgsAppend -Dadvisor.root=DIR}).
 */
final class BenchFiles {
    private BenchFiles() {
    }

    static Path root() {
        return Path.of(System.getProperty("advisor.root", "."));
    }

    static Path rules() {
        return existing(root().resolve("rules"));
    }

    static Path facts() {
        return existing(root().resolve("facts"));
    }

    static Path indiaSample() {
        return existing(root().resolve("samples/india.json"));
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " not found: run the benchmarks from the repository"
                    + " root or pass -jvmArgsAppend -Dadvisor.root=DIR");
        }
        return path;
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
