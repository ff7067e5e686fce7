package org.mineralsadvisor.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.trace.TraceStep;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.facts.InvalidFactBaseException;
import org.mineralsadvisor.profile.InvalidProfileException;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.profile.ProfileProblem;
import org.mineralsadvisor.rules.RuleSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs scenarios against a compiled rule set and a base fact base. A scenario's fact-base
 * override is the base directory with the named files replaced.
 */
public final class ScenarioRunner {
    private static final ObjectMapper JSON = AdviceJson.mapper();

    private final RuleSet rules;
    private final Path baseFacts;
    private final FactBase base;
    private final Advisor evaluator = new Advisor();
    private final Map<Map<String, String>, Object> overrides = new HashMap<>();

    public ScenarioRunner(RuleSet rules, Path baseFacts) {
        this.rules = rules;
        this.baseFacts = baseFacts;
        this.base = new FactBaseLoader().load(baseFacts);
    }

    public ScenarioResult run(Scenario scenario) {
        List<String> failures = new ArrayList<>();
        if (scenario.profile() == null) {
            failures.add(scenario.note().startsWith("unreadable") ? scenario.note() : "the case has no 'profile'");
            return new ScenarioResult(scenario, failures);
        }
        Object facts = factsFor(scenario.facts());
        if (facts instanceof String problem) {
            failures.add(problem);
            return new ScenarioResult(scenario, failures);
        }
        FactBase factBase = (FactBase) facts;
        Advice advice;
        try {
            advice = evaluator.evaluate(rules, factBase, new ProfileParser(factBase).parse(scenario.profile()));
        } catch (InvalidProfileException e) {
            if (scenario.wantErrors().isEmpty()) {
                failures.add("the profile was rejected: " + e.problems());
            } else {
                checkErrors(scenario, e.problems(), failures);
            }
            return new ScenarioResult(scenario, failures);
        }
        if (!scenario.wantErrors().isEmpty()) {
            failures.add("expected the profile to be rejected with " + scenario.wantErrors() + ", but it was accepted");
            return new ScenarioResult(scenario, failures);
        }
        JsonNode recommendations = JSON.valueToTree(advice.recommendations());
        for (JsonNode want : scenario.want()) {
            if (!anyMatches(recommendations, want)) {
                failures.add("no recommendation matches " + want + "; " + closest(recommendations, want));
            }
        }
        for (JsonNode wantNot : scenario.wantNot()) {
            for (JsonNode rec : recommendations) {
                if (Matching.matches(rec, wantNot)) {
                    failures.add("unexpected recommendation matching " + wantNot + ": " + rec);
                }
            }
        }
        if (scenario.wantExact()) {
            if (recommendations.size() != scenario.want().size()) {
                failures.add("want_exact: expected " + scenario.want().size() + " recommendations in order, got "
                        + recommendations.size() + ": " + brief(recommendations));
            } else {
                for (int i = 0; i < recommendations.size(); i++) {
                    if (!Matching.matches(recommendations.get(i), scenario.want().get(i))) {
                        failures.add("want_exact: recommendation " + (i + 1) + " is " + recommendations.get(i)
                                + ", expected " + scenario.want().get(i));
                    }
                }
            }
        }
        Set<String> fired = new HashSet<>();
        for (TraceStep step : advice.trace()) {
            fired.add(step.policyId());
        }
        for (String policy : scenario.fired()) {
            if (!fired.contains(policy)) {
                failures.add("expected " + policy + " to fire; fired: " + fired);
            }
        }
        for (String policy : scenario.notFired()) {
            if (fired.contains(policy)) {
                failures.add("expected " + policy + " not to fire, but it did");
            }
        }
        return new ScenarioResult(scenario, failures);
    }

    private static boolean anyMatches(JsonNode recommendations, JsonNode want) {
        for (JsonNode rec : recommendations) {
            if (Matching.matches(rec, want)) {
                return true;
            }
        }
        return false;
    }

    private static void checkErrors(Scenario scenario, List<ProfileProblem> problems, List<String> failures) {
        JsonNode actual = JSON.valueToTree(problems);
        for (JsonNode want : scenario.wantErrors()) {
            if (!anyMatches(actual, want)) {
                failures.add("no validation error matches " + want + "; got " + actual);
            }
        }
    }

    /** The recommendations of the wanted type and subject in full, or the list in brief. */
    private static String closest(JsonNode recommendations, JsonNode want) {
        List<String> same = new ArrayList<>();
        for (JsonNode rec : recommendations) {
            if (rec.path("type").asText().equals(want.path("type").asText(rec.path("type").asText()))
                    && rec.path("subject").asText().equals(want.path("subject").asText(rec.path("subject").asText()))) {
                same.add(rec.toString());
            }
        }
        return same.isEmpty() || same.size() > 3 ? "got " + brief(recommendations) : "closest: " + String.join("; ", same);
    }

    private static String brief(JsonNode recommendations) {
        List<String> items = new ArrayList<>();
        for (JsonNode rec : recommendations) {
            items.add(rec.path("type").asText() + "/" + rec.path("subject").asText() + "/" + rec.path("priority").asText());
        }
        return items.toString();
    }

    /** The fact base for an override (cached), or a String describing why it failed to load. */
    private synchronized Object factsFor(Map<String, String> override) {
        if (override.isEmpty()) {
            return base;
        }
        return overrides.computeIfAbsent(override, o -> {
            try {
                Path dir = Files.createTempDirectory("advisor-scenario-facts");
                try (Stream<Path> files = Files.list(baseFacts)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Files.copy(file, dir.resolve(file.getFileName()));
                    }
                }
                for (Map.Entry<String, String> entry : o.entrySet()) {
                    Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
                }
                try {
                    return new FactBaseLoader().load(dir);
                } catch (InvalidFactBaseException e) {
                    return "the fact-base override does not load: " + e.problems();
                } finally {
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path file : files.toList()) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Partial matching: every key the expectation names must match; numbers to 1e-9 relative. */
    static final class Matching {
        private Matching() {
        }

        static boolean matches(JsonNode actual, JsonNode expected) {
            if (expected == null || expected.isNull()) {
                return actual == null || actual.isNull() || actual.isMissingNode();
            }
            if (actual == null || actual.isMissingNode()) {
                return false;
            }
            if (expected.isObject()) {
                if (!actual.isObject()) {
                    return false;
                }
                if (expected.isEmpty()) {
                    return actual.isEmpty();
                }
                Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!matches(actual.get(field.getKey()), field.getValue())) {
                        return false;
                    }
                }
                return true;
            }
            if (expected.isArray()) {
                if (!actual.isArray() || actual.size() != expected.size()) {
                    return false;
                }
                for (int i = 0; i < expected.size(); i++) {
                    if (!matches(actual.get(i), expected.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            if (expected.isNumber()) {
                if (!actual.isNumber()) {
                    return false;
                }
                double a = actual.doubleValue();
                double e = expected.doubleValue();
                return a == e || Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e));
            }
            return expected.asText().equals(actual.asText()) && expected.isBoolean() == actual.isBoolean();
        }
    }
}
