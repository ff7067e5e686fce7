package org.mineralsadvisor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks that the rules and fact-base directories a command was given are there before it
 * loads them. Run outside the project directory, the defaults ({@code rules}, {@code facts})
 * point nowhere: that deserves one plain sentence with the absolute path tried and how to
 * point elsewhere, not a located problem in a file that does not exist.
 */
final class KnowledgeDirectories {
    private KnowledgeDirectories() {
    }

    /** Prints an {@code error:} line per unusable directory; true when both look usable. */
    static boolean usable(Path rules, Path facts, PrintWriter err) {
        List<String> problems = problems(rules, facts);
        problems.forEach(p -> err.println("error: " + p));
        err.flush();
        return problems.isEmpty();
    }

    static List<String> problems(Path rules, Path facts) {
        List<String> problems = new ArrayList<>();
        // The compiler reads .drl files at any depth; the loader reads the CSV files at the top only.
        check(rules, Integer.MAX_VALUE, "rules directory", ".drl", "DRL (.drl) files", "--rules", "ADVISOR_RULES", problems);
        check(facts, 1, "fact-base directory", ".csv", "CSV files", "--facts", "ADVISOR_FACTS", problems);
        return problems;
    }

    private static void check(Path dir, int depth, String what, String suffix, String files, String flag, String env,
                              List<String> problems) {
        Path absolute = dir.toAbsolutePath().normalize();
        String hint = "; pass " + flag + " DIR (or set " + env + ")";
        if (!Files.exists(absolute)) {
            problems.add("no " + what + " at " + absolute + ": it does not exist" + hint
                    + ", or run from the project directory");
        } else if (!Files.isDirectory(absolute)) {
            problems.add("the " + what + " " + absolute + " is a file, not a directory" + hint);
        } else if (!holds(absolute, depth, suffix)) {
            problems.add("the " + what + " " + absolute + " holds no " + files + hint);
        }
    }

    private static boolean holds(Path dir, int depth, String suffix) {
        try (Stream<Path> walk = Files.walk(dir, depth)) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
