package org.mineralsadvisor.authoring;

import org.mineralsadvisor.rules.PolicyCatalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a rule set, as a map from the path inside the rules directory to the text:
 * DRL files, the catalogue and the scenario tests. Only the DRL files and the catalogue
 * decide what advice is given, so only they make the version; the tests travel with them.
 */
public final class RuleSetFiles {
    static final int MAX_FILES = 500;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private RuleSetFiles() {
    }

    /** Every rule-set file under {@code dir} (what an upload of the directory would send). */
    public static SortedMap<String, String> read(Path dir) {
        SortedMap<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
            for (Path path : paths) {
                String name = dir.relativize(path).toString().replace('\\', '/');
                if (kind(name) != null) {
                    files.put(name, Files.readString(path, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files that make the version and the compiled rules: DRL and the catalogue. */
    public static SortedMap<String, String> versioned(Map<String, String> files) {
        SortedMap<String, String> out = new TreeMap<>();
        files.forEach((name, text) -> {
            if (name.endsWith(".drl") || name.equals(PolicyCatalogue.FILE_NAME)) {
                out.put(name, text);
            }
        });
        return out;
    }

    /**
     * What is wrong with a file name of an upload, or null: a relative path of plain segments
     * (no "..", no absolute path, no hidden files), naming a DRL file, the catalogue, or a
     * scenario file under tests/.
     */
    public static String problemWithName(String name) {
        if (name.isEmpty() || name.length() > 200) {
            return "a file name must have 1 to 200 characters";
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return "'" + name + "' is not a relative path of plain names (letters, digits, '.', '_', '-'; "
                        + "no '..', no leading '/' or '.')";
            }
        }
        if (kind(name) == null) {
            return "'" + name + "' is not a rule-set file: expected *.drl, " + PolicyCatalogue.FILE_NAME
                    + " or tests/**/*.yaml";
        }
        return null;
    }

    private static String kind(String name) {
        if (name.endsWith(".drl") && !name.startsWith("tests/")) {
            return "drl";
        }
        if (name.equals(PolicyCatalogue.FILE_NAME)) {
            return "catalogue";
        }
        if (name.startsWith("tests/") && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
            return "test";
        }
        return null;
    }

    /** Writes the files into an empty directory (the gate compiles and tests from there). */
    public static void write(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = dir.resolve(file.getKey()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalArgumentException("file outside the rule set: " + file.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            paths.sort(Comparator.reverseOrder());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
