package org.mineralsadvisor.shock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The shock scenarios of a directory ({@code scenarios/} by default): one YAML file each,
 * named {@code <name>.yaml}. Files are read when asked for, so an edited scenario is used at
 * its next request without a restart.
 */
public final class ScenarioLibrary {
    public static final String SUFFIX = ".yaml";

    /** One file of the library as listed: its scenario, or why it cannot be read. */
    public record Entry(String name, ShockScenario scenario, List<ShockProblem> problems) {
    }

    private final Path directory;

    public ScenarioLibrary(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Whether {@code name} can name a scenario file at all (no path, no dots). */
    public static boolean validName(String name) {
        return name != null && ShockScenarioReader.NAME.matcher(name).matches();
    }

    /** The names of the library's scenarios, sorted (none when the directory does not exist). */
    public List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length()))
                    .filter(ScenarioLibrary::validName)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every scenario of the library, each read (or its problems), by name. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (String name : names()) {
            try {
                entries.add(new Entry(name, find(name).orElseThrow(), List.of()));
            } catch (InvalidShockScenarioException e) {
                entries.add(new Entry(name, null, e.problems()));
            }
        }
        return entries;
    }

    /**
     * The scenario named, or empty when the library has no such file.
     *
     * @throws IllegalArgumentException      when {@code name} is not a valid scenario name
     * @throws InvalidShockScenarioException when the file cannot be read as a scenario
     */
    public Optional<ShockScenario> find(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a scenario name (lower-case letters, digits, "
                    + "'-' and '_')");
        }
        Path file = directory.resolve(name + SUFFIX);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file, name));
    }

    /** Reads a scenario file; {@code expectedName}, when not null, is the name it must declare. */
    public static ShockScenario read(Path file, String expectedName) {
        String shown = file.toString().replace('\\', '/');
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidShockScenarioException(shown, List.of(new ShockProblem(shown, 0, 0, "", "encoding",
                    "not valid UTF-8")));
        } catch (IOException e) {
            throw new InvalidShockScenarioException(shown, List.of(new ShockProblem(shown, 0, 0, "",
                    e instanceof java.nio.file.NoSuchFileException ? "not_found" : "unreadable",
                    e instanceof java.nio.file.NoSuchFileException ? "no such file" : "cannot read: " + e.getMessage())));
        }
        return ShockScenarioReader.read(shown, text, expectedName);
    }
}
