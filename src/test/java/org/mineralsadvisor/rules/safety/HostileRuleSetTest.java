package org.mineralsadvisor.rules.safety;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSetCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule set under src/test/resources/hostile is the shipped policy catalogue and one DRL file
 * that tries one thing rule code must not do. Each must be rejected, with the file and line named
 * and the forbidden call named, and without running: the file-writing ones would leave a marker
 * file, and System.exit would end this JVM.
 */
class HostileRuleSetTest {
    private static final Path HOSTILE = Path.of("src/test/resources/hostile");
    private static final Path MARKER = Path.of("target/hostile-marker");

    @BeforeEach
    void noMarker() throws IOException {
        Files.deleteIfExists(MARKER);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            exit-in-consequence     | 12 | unsafe_call: rule "Leave" calls java.lang.System.exit(int), which rule code may not use (allowed:
            exit-in-function        |  7 | unsafe_call: function "quit" calls java.lang.System.exit(int)
            forname-concatenated    | 12 | unsafe_call: rule "Find the runtime by name" calls java.lang.Class.forName(String)
            method-handles          | 12 | unsafe_call: rule "Look up a method handle" calls java.lang.invoke.MethodHandles.lookup()
            reflection-getclass     | 12 | unsafe_call: rule "Reflect on a fact" calls java.lang.Class.getMethod(String, Class[])
            runtime-exec            | 12 | unsafe_call: rule "Run a process" calls java.lang.Runtime.getRuntime()
            new-thread              | 12 | unsafe_call: rule "Start a thread" calls new java.lang.Thread(Runnable)
            write-file              | 12 | unsafe_call: rule "Write a file" calls java.nio.file.Files.writeString(
            new-file                | 14 | unsafe_call: rule "Create a file" calls new java.io.File(String)
            read-environment        | 12 | unsafe_call: rule "Read the environment" calls java.lang.System.getenv(String)
            runtime-in-eval         | 11 | unsafe_call: rule "Reach the runtime in an eval" calls java.lang.Runtime.getRuntime()
            time-in-accumulate      | 11 | unsafe_call: rule "Sum the clock in an accumulate" calls java.lang.System.nanoTime()
            runtime-in-constraint   | 10 | unsafe_call: rule "Reach the runtime while matching" has a condition (Runtime.getRuntime().availableProcessors() > 0) that uses java.lang.Runtime.getRuntime(…)
            qualified-in-constraint | 10 | that uses java.lang.System.getProperty(…)
            class-in-constraint     | 10 | has a condition (mineral.class.classLoader != null) that reads .class (reflection)
            property-in-from        | 11 | unsafe_call: rule "Read a system property in a from" uses a from expression
            mvel-dialect            |  5 | unsafe_dialect: rule "Leave in MVEL" uses the MVEL dialect
            mvel-package-dialect    |  7 | unsafe_dialect: rule "Leave in package MVEL" uses the MVEL dialect
            inline-accumulate       | 11 | unsafe_call: rule "Sum by hand" uses inline accumulate code (init/action/result)
            inline-accumulate       | 13 | unsafe_call: rule "Sum by hand" calls java.lang.System.exit(int)
            anonymous-thread        | 14 | unsafe_call: rule "Start a thread of its own" calls new java.io.File(String)
            endless-loop            | 12 | unbounded_loop: rule "Spin forever" has a loop that is not a for-each
            recursion               |  6 | recursion: function "fib" calls itself (through fib → fib)
            metadata-expression     |  8 | unsafe_metadata: rule "Evaluate metadata" has @evil(java.nio.file.Files.createFile(
            query-metadata          |  6 | unsafe_metadata: query "Indicators" has @evil(java.nio.file.Files.createFile(
            declared-type-default   | 16 | unsafe_call: rule "Make an evil fact" calls new minerals.advisor.Evil()
            """)
    void is_rejected_with_the_file_line_and_forbidden_call_named(String name, int line, String message) {
        List<RuleProblem> problems = new ArrayList<>();
        assertThat(new RuleSetCompiler().compile(HOSTILE.resolve(name).resolve("rules"), problems)).isNull();
        List<String> errors = problems.stream().filter(RuleProblem::isError).map(RuleProblem::toString).toList();
        assertThat(errors).as(String.join("\n", errors))
                .anySatisfy(e -> assertThat(e).startsWith("rules/" + name + ".drl:" + line + ":").contains(message));
        assertThat(MARKER).doesNotExist();
    }

    /** Drools itself refuses this one (System.exit returns void), before the safety check: still located, never run. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"exit-in-constraint"})
    void a_constraint_calling_exit_is_refused_by_the_compiler(String name) {
        List<RuleProblem> problems = new ArrayList<>();
        assertThat(new RuleSetCompiler().compile(HOSTILE.resolve(name).resolve("rules"), problems)).isNull();
        assertThat(problems).filteredOn(RuleProblem::isError).extracting(RuleProblem::toString)
                .anySatisfy(e -> assertThat(e).startsWith("rules/" + name + ".drl:10:").contains("System.exit(0)"));
    }
}
