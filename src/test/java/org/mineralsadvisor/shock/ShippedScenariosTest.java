package org.mineralsadvisor.shock;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scenario shipped in {@code scenarios/} reads, and applies cleanly to the shipped fact base. */
class ShippedScenariosTest {
    private static final ScenarioLibrary LIBRARY = new ScenarioLibrary(Path.of("scenarios"));

    @Test
    void the_library_has_the_four_scenarios_of_issue_12() {
        assertThat(LIBRARY.names()).contains("china-reimposes-suspended-controls",
                "china-bans-rare-earths-all-destinations", "msp-members-join-forge", "indonesia-lifts-nickel-ore-ban");
    }

    @TestFactory
    List<DynamicTest> each_reads_applies_and_changes_the_fact_base_without_touching_it() {
        FactBase shipped = new FactBaseLoader().load(Path.of("facts"));
        Map<String, String> files = Map.copyOf(shipped.sources());
        return LIBRARY.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            ShockScenario scenario = LIBRARY.find(name).orElseThrow();
            assertThat(scenario.name()).isEqualTo(name);
            assertThat(scenario.description()).as("description").isNotBlank();
            assertThat(scenario.sources()).as("sources").isNotEmpty();
            ShockedFacts shocked = ShockedFacts.apply(scenario, shipped);
            assertThat(shocked.facts().version()).isNotEqualTo(shipped.version());
            assertThat(shocked.facts().sources()).isNotEqualTo(files);
            assertThat(shipped.sources()).isEqualTo(files);
            assertThat(new FactBaseLoader().load(Path.of("facts")).version()).isEqualTo(shipped.version());
        })).toList();
    }
}
