package org.mineralsadvisor.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.scenario.ScenarioResult.Mismatch;
import org.mineralsadvisor.trace.TraceStep;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.facts.InvalidFactBaseException;
import org.mineralsadvisor.profile.InvalidProfileException;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.profile.ProfileProblem;
import org.mineralsadvisor.profile.Suggestions;
import org.mineralsadvisor.rules.PolicyCatalogue;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.service.Knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
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

    /** @param baseFacts where {@code knowledge.facts()} was loaded from: a case's fact overrides replace files of it */
    public ScenarioRunner(Knowledge knowledge, Path baseFacts) {
        this.rules = knowledge.rules();
        this.baseFacts = baseFacts;
        this.base = knowledge.facts();
    }

    public ScenarioResult run(Scenario scenario) {
        List<Mismatch> failures = new ArrayList<>();
        scenario.problems().forEach(p -> failures.add(Mismatch.of(p)));
        if (!failures.isEmpty()) {
            return new ScenarioResult(scenario, failures, Set.of());
        }
        if (scenario.profile() == null) {
            failures.add(Mismatch.of(scenario.where().apply("") + ": the case has no 'profile'"));
            return new ScenarioResult(scenario, failures, Set.of());
        }
        checkPolicyIds(scenario, "fired", scenario.fired(), failures);
        checkPolicyIds(scenario, "not_fired", scenario.notFired(), failures);
        Object facts = factsFor(scenario.facts());
        if (facts instanceof String problem) {
            failures.add(Mismatch.of(problem));
            return new ScenarioResult(scenario, failures, Set.of());
        }
        FactBase factBase = (FactBase) facts;
        Advice advice;
        try {
            advice = evaluator.evaluate(rules, factBase, new ProfileParser(factBase).parse(scenario.profile()));
        } catch (InvalidProfileException e) {
            if (scenario.wantErrors().isEmpty()) {
                String got = lines(JSON.valueToTree(e.problems()), Describe::problem);
                failures.add(new Mismatch("the profile was rejected:" + got, "advice", "rejected:" + got));
            } else {
                checkErrors(scenario, e.problems(), failures);
            }
            return new ScenarioResult(scenario, failures, Set.of());
        } catch (RuntimeException e) {
            // A rule set that loops or throws fails its case, not the whole run (the gate runs candidates).
            failures.add(new Mismatch("the evaluation failed: " + e.getMessage(), "advice",
                    "evaluation failed: " + e.getMessage()));
            return new ScenarioResult(scenario, failures, Set.of());
        }
        Set<String> firedRules = new TreeSet<>();
        Set<String> fired = new TreeSet<>();
        for (TraceStep step : advice.trace()) {
            fired.add(step.policyId());
            firedRules.add(Coverage.key(step.ruleFile(), step.rule()));
        }
        if (!scenario.wantErrors().isEmpty()) {
            String wanted = lines(JSON.valueToTree(scenario.wantErrors()), Describe::problem);
            failures.add(new Mismatch("expected the profile to be rejected, but it was accepted; wanted:" + wanted,
                    "rejected:" + wanted, "accepted"));
            return new ScenarioResult(scenario, failures, firedRules);
        }
        JsonNode recommendations = JSON.valueToTree(advice.recommendations());
        for (JsonNode want : scenario.want()) {
            if (!anyMatches(recommendations, want)) {
                String closest = closest(recommendations, want);
                failures.add(new Mismatch("no recommendation matches " + Describe.expectation(want) + closest,
                        Describe.expectation(want), closest.substring(closest.indexOf(':') + 1).strip()));
            }
        }
        for (JsonNode wantNot : scenario.wantNot()) {
            for (JsonNode rec : recommendations) {
                if (Matching.matches(rec, wantNot)) {
                    failures.add(new Mismatch("unexpected recommendation " + Describe.recommendation(rec) + " (want_not "
                            + Describe.expectation(wantNot) + ")", "no " + Describe.expectation(wantNot),
                            Describe.recommendation(rec)));
                }
            }
        }
        if (scenario.wantExact()) {
            if (recommendations.size() != scenario.want().size()) {
                failures.add(new Mismatch("want_exact: expected " + scenario.want().size() + " recommendations in order, got "
                        + recommendations.size() + ": " + Describe.brief(recommendations),
                        scenario.want().size() + " recommendations",
                        recommendations.size() + ": " + Describe.brief(recommendations)));
            } else {
                for (int i = 0; i < recommendations.size(); i++) {
                    if (!Matching.matches(recommendations.get(i), scenario.want().get(i))) {
                        failures.add(new Mismatch("want_exact: recommendation " + (i + 1) + " is "
                                + Describe.recommendation(recommendations.get(i)) + ", expected "
                                + Describe.expectation(scenario.want().get(i)),
                                Describe.expectation(scenario.want().get(i)),
                                Describe.recommendation(recommendations.get(i))));
                    }
                }
            }
        }
        Set<String> catalogued = rules.catalogue().policies().keySet();
        String firedList = fired.isEmpty() ? "none" : String.join(", ", fired);
        for (String policy : scenario.fired()) {
            if (catalogued.contains(policy) && !fired.contains(policy)) {
                failures.add(new Mismatch("expected " + policy + " to fire; fired: " + firedList,
                        policy + " fires", "fired: " + firedList));
            }
        }
        for (String policy : scenario.notFired()) {
            if (fired.contains(policy)) {
                failures.add(new Mismatch("expected " + policy + " not to fire, but it did",
                        policy + " does not fire", policy + " fired"));
            }
        }
        return new ScenarioResult(scenario, failures, firedRules);
    }

    private static boolean anyMatches(JsonNode recommendations, JsonNode want) {
        for (JsonNode rec : recommendations) {
            if (Matching.matches(rec, want)) {
                return true;
            }
        }
        return false;
    }

    /** An id in fired / not_fired that the catalogue lacks would pass (or fail) forever: it is an error of the case. */
    private void checkPolicyIds(Scenario scenario, String key, List<String> ids, List<Mismatch> failures) {
        Set<String> catalogued = rules.catalogue().policies().keySet();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!catalogued.contains(id)) {
                failures.add(Mismatch.of(scenario.where().apply("/" + key + "/" + i) + ": unknown policy id '" + id
                        + "' in " + key + Suggestions.of(catalogued).closest(id).map(c -> "; did you mean '" + c + "'?")
                        .orElse(" (not in " + PolicyCatalogue.FILE_NAME + ")")));
            }
        }
    }

    private static void checkErrors(Scenario scenario, List<ProfileProblem> problems, List<Mismatch> failures) {
        JsonNode actual = JSON.valueToTree(problems);
        for (JsonNode want : scenario.wantErrors()) {
            if (!anyMatches(actual, want)) {
                String got = lines(actual, Describe::problem);
                failures.add(new Mismatch("no validation error matches " + Describe.problem(want) + "; got:" + got,
                        Describe.problem(want), got.strip()));
            }
        }
    }

    /** The recommendations of the wanted type and subject in full, or the list in brief. */
    private static String closest(JsonNode recommendations, JsonNode want) {
        List<String> same = new ArrayList<>();
        for (JsonNode rec : recommendations) {
            if (rec.path("type").asText().equals(want.path("type").asText(rec.path("type").asText()))
                    && rec.path("subject").asText().equals(want.path("subject").asText(rec.path("subject").asText()))) {
                same.add(Describe.recommendation(rec));
            }
        }
        return same.isEmpty() || same.size() > 3 ? "; got: " + Describe.brief(recommendations)
                : "; closest:" + same.stream().map(s -> "\n  " + s).reduce("", String::concat);
    }

    /** One indented line per item. */
    private static String lines(JsonNode items, Function<JsonNode, String> describe) {
        StringBuilder out = new StringBuilder();
        items.forEach(item -> out.append("\n  ").append(describe.apply(item)));
        return out.toString();
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
                    return "the fact-base override does not load:" + e.problems().stream()
                            .map(problem -> "\n  " + problem).reduce("", String::concat);
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
