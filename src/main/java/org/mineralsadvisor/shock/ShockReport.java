package org.mineralsadvisor.shock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The answer to a profile under a shock scenario, from the CLI and the HTTP service alike:
 * which scenario and fact bases, the baseline advice, the scenario's advice and their
 * difference. {@code baseline} and {@code scenarioAdvice} are the advice documents (the HTTP
 * service writes the recorded bytes themselves).
 */
@JsonPropertyOrder({"scenario", "baseline", "scenarioAdvice", "difference"})
public record ShockReport(Scenario scenario, Object baseline, Object scenarioAdvice, ShockDifference difference) {

    /**
     * @param writtenFor the fact-base version the scenario names
     * @param appliedTo  the fact-base version it was applied to (the baseline advice's)
     * @param factBase   the version of the fact base it produced (the scenario advice's)
     * @param note       set when {@code writtenFor} is not {@code appliedTo}
     */
    @JsonPropertyOrder({"name", "title", "description", "sources", "sha256", "writtenFor", "appliedTo", "factBase",
            "note"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scenario(String name, String title, String description, List<String> sources, String sha256,
                           String writtenFor, String appliedTo, String factBase, String note) {

        public static Scenario of(ShockedFacts shocked) {
            ShockScenario s = shocked.scenario();
            return new Scenario(s.name(), s.title(), s.description(), s.sources(), s.sha256(), s.writtenFor(),
                    shocked.base().version(), shocked.facts().version(), shocked.note());
        }
    }

    public static ShockReport of(ShockedFacts shocked, Object baseline, Object scenarioAdvice, ShockDifference difference) {
        return new ShockReport(Scenario.of(shocked), baseline, scenarioAdvice, difference);
    }
}
