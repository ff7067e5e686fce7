package org.mineralsadvisor.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's help lists its sub-commands with a whole sentence each, never one cut short. */
class HelpTest {
    private static final Pattern ENTRY = Pattern.compile("^  (\\S+)\\s+(\\S.*)$");
    private static final Pattern CONTINUATION = Pattern.compile("^\\s{3,}(\\S.*)$");

    @Test
    void every_subcommand_summary_is_a_whole_sentence() {
        List<List<String>> parents = List.of(List.of(), List.of("rules"), List.of("audit"));
        int summaries = 0;
        for (List<String> parent : parents) {
            List<String> args = new ArrayList<>(parent);
            args.add("--help");
            Map<String, String> listed = subcommands(help(args.toArray(String[]::new)));
            assertThat(listed).as("commands listed by %s", args).isNotEmpty();
            for (Map.Entry<String, String> entry : listed.entrySet()) {
                String summary = entry.getValue();
                assertThat(summary).as("summary of %s %s", String.join(" ", parent), entry.getKey())
                        .matches("[A-Z].*[.!?]")
                        .satisfies(HelpTest::balanced);
                summaries++;
            }
        }
        assertThat(summaries).isGreaterThanOrEqualTo(11);
    }

    private static void balanced(String text) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        assertThat(depth).as("parentheses in '%s'", text).isZero();
    }

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), args);
        assertThat(code).isZero();
        return out.toString();
    }

    /** The "Commands:" section: name → summary, continuation lines joined. */
    private static Map<String, String> subcommands(String help) {
        Map<String, String> commands = new LinkedHashMap<>();
        boolean inCommands = false;
        String last = null;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                inCommands = true;
                continue;
            }
            if (!inCommands) {
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            Matcher continuation = CONTINUATION.matcher(line);
            if (continuation.matches() && last != null) {
                commands.put(last, commands.get(last) + " " + continuation.group(1));
            } else if (entry.matches()) {
                last = entry.group(1);
                commands.put(last, entry.group(2).strip());
            } else {
                break;
            }
        }
        return commands;
    }
}
