package org.mineralsadvisor.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Quick start: the build shows its progress, and CI runs its commands exactly as written. */
class ReadmeCommandsTest {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    private static List<String> quickStartMavenCommands() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Quick start");
        String quickStart = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> commands = new ArrayList<>();
        Matcher block = SH_BLOCK.matcher(quickStart);
        while (block.find()) {
            for (String line : block.group(1).lines().toList()) {
                for (String command : line.split("&&")) {
                    if (command.strip().startsWith("./mvnw")) {
                        commands.add(command.strip());
                    }
                }
            }
        }
        return commands;
    }

    @Test
    void the_build_command_shows_progress_instead_of_a_silent_minute() throws IOException {
        List<String> commands = quickStartMavenCommands();
        assertThat(commands).anySatisfy(c -> assertThat(c).contains("package"));
        assertThat(commands).allSatisfy(c -> assertThat(c.split("\\s+")).doesNotContain("-q", "--quiet"));
    }

    @Test
    void ci_runs_the_quick_start_commands_exactly_as_written() throws IOException {
        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream().map(String::strip).toList();
        assertThat(quickStartMavenCommands()).isNotEmpty().allSatisfy(command -> assertThat(ci).contains(command));
    }
}
