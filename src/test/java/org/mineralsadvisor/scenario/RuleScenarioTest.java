package org.mineralsadvisor.scenario;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mineralsadvisor.service.Knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs every scenario file in rules/tests/ against the shipped rules and fact base: one test per case. */
class RuleScenarioTest {
    private static final Path RULES = Path.of("rules");
    private static final Path FACTS = Path.of("facts");

    @TestFactory
    List<DynamicTest> scenarios() {
        ScenarioRunner runner = new ScenarioRunner(Knowledge.load(RULES, FACTS), FACTS);
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = ScenarioFiles.find(RULES);
        assertThat(files).as("scenario files under rules/tests").isNotEmpty();
        for (Path file : files) {
            for (Scenario scenario : ScenarioFiles.read(RULES, file)) {
                tests.add(DynamicTest.dynamicTest(scenario.name(), () -> {
                    ScenarioResult result = runner.run(scenario);
                    if (!result.passed()) {
                        fail(scenario.name() + "\n  " + String.join("\n  ", result.failures()));
                    }
                }));
            }
        }
        return tests;
    }
}
