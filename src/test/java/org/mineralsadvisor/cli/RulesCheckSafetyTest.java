package org.mineralsadvisor.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `advisor rules check` holds a rule set to the safety policy like any other compile error. */
class RulesCheckSafetyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            exit-in-consequence   | rules/exit-in-consequence.drl:12:12: unsafe_call: rule "Leave" calls java.lang.System.exit(int), which rule code may not use (allowed:
            forname-concatenated  | rules/forname-concatenated.drl:12:28: unsafe_call: rule "Find the runtime by name" calls java.lang.Class.forName(String)
            write-file            | rules/write-file.drl:12:25: unsafe_call: rule "Write a file" calls java.nio.file.Files.writeString(
            mvel-dialect          | rules/mvel-dialect.drl:5:1: unsafe_dialect: rule "Leave in MVEL" uses the MVEL dialect
            """)
    void a_hostile_rule_set_fails_the_check_with_the_located_violation(String name, String located) throws Exception {
        Path marker = Path.of("target/hostile-marker");
        Files.deleteIfExists(marker);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
                "rules", "check", "--rules", "src/test/resources/hostile/" + name + "/rules");
        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString() + err).contains(located).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(marker).doesNotExist();
    }
}
