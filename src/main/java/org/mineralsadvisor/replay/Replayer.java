package org.mineralsadvisor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.StoredRecord;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.facts.FactProblem;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.mineralsadvisor.shock.InvalidShockScenarioException;
import org.mineralsadvisor.shock.RecordedScenario;
import org.mineralsadvisor.shock.ShockedFacts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-evaluates a stored advice with the exact rule set and fact base that produced it (as
 * stored by version, not as they are on disk now) and compares the result with what was given.
 */
public final class Replayer {
    private static final int MAX_DIFFERENCES = 50;
    private static final int CACHED_VERSIONS = 4;

    /** Where stored versions' contents come from: the audit store, or a bundle. */
    public interface Contents {
        Map<String, String> ruleSet(String version);

        Map<String, String> factBase(String version);

        /** The contents the audit store keeps by version (null where a version is not stored). */
        static Contents of(org.mineralsadvisor.audit.AuditStore store) {
            return new Contents() {
                @Override
                public Map<String, String> ruleSet(String version) {
                    return store.ruleSet(version).orElse(null);
                }

                @Override
                public Map<String, String> factBase(String version) {
                    return store.factBase(version).orElse(null);
                }
            };
        }
    }

    private final Advisor evaluator;
    private final Map<String, RuleSet> ruleSets = lastUsed();
    private final Map<String, FactBase> factBases = lastUsed();

    /** The {@value CACHED_VERSIONS} most recently used versions: compiled rule sets are large. */
    private static <T> Map<String, T> lastUsed() {
        return new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > CACHED_VERSIONS;
            }
        };
    }

    public Replayer(Advisor evaluator) {
        this.evaluator = evaluator;
    }

    public ReplayResult replay(StoredRecord record, Contents contents) {
        RuleSet rules = ruleSet(record.ruleSetVersion(), contents);
        RecordedScenario scenario = record.scenario() == null ? null : recorded(record);
        FactBase facts = scenario == null ? factBase(record.factBaseVersion(), contents)
                : shocked(scenario, record.factBaseVersion(), contents);
        ReplayResult.Scenario replayedUnder = scenario == null ? null
                : new ReplayResult.Scenario(scenario.name(), scenario.sha256(), scenario.appliedTo());
        Advice replayed = evaluator.evaluate(rules, facts,
                new ProfileParser(facts).parse(record.input().getBytes(StandardCharsets.UTF_8)));
        JsonNode stored;
        try {
            stored = AdviceJson.mapper().readTree(record.advice());
        } catch (java.io.IOException e) {
            return new ReplayResult(false, record.id(), record.ruleSetVersion(), record.factBaseVersion(), replayedUnder,
                    List.of(new ReplayResult.Difference("", "stored advice is not valid JSON", null)));
        }
        JsonNode fresh = AdviceJson.mapper().valueToTree(replayed);
        List<ReplayResult.Difference> differences = new ArrayList<>();
        diff("", withoutVolatile(stored), withoutVolatile(fresh), differences);
        return new ReplayResult(differences.isEmpty(), record.id(), record.ruleSetVersion(), record.factBaseVersion(),
                replayedUnder, differences);
    }

    /** The two fields that differ between any two evaluations by design. */
    private static JsonNode withoutVolatile(JsonNode advice) {
        if (advice instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove("id");
            copy.remove("evaluatedAt");
            return copy;
        }
        return advice;
    }

    private static void diff(String pointer, JsonNode a, JsonNode b, List<ReplayResult.Difference> out) {
        if (out.size() >= MAX_DIFFERENCES || a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeMap<String, Boolean> names = new TreeMap<>();
            a.fieldNames().forEachRemaining(n -> names.put(n, true));
            b.fieldNames().forEachRemaining(n -> names.put(n, true));
            for (String name : names.keySet()) {
                String at = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!a.has(name) || !b.has(name)) {
                    out.add(new ReplayResult.Difference(at, a.get(name), b.get(name)));
                } else {
                    diff(at, a.get(name), b.get(name), out);
                }
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                if (i >= a.size() || i >= b.size()) {
                    out.add(new ReplayResult.Difference(pointer + "/" + i, a.get(i), b.get(i)));
                } else {
                    diff(pointer + "/" + i, a.get(i), b.get(i), out);
                }
            }
            return;
        }
        out.add(new ReplayResult.Difference(pointer, a, b));
    }

    private synchronized RuleSet ruleSet(String version, Contents contents) {
        return ruleSets.computeIfAbsent(version, v -> {
            Map<String, String> files = stored("rule set", v, contents.ruleSet(v));
            List<RuleProblem> problems = new ArrayList<>();
            RuleSet rules = new RuleSetCompiler().compile(Path.of("rules"), files, problems);
            return checked("rule set", v, rules == null ? null : rules.version(), rules, problems);
        });
    }

    private synchronized FactBase factBase(String version, Contents contents) {
        return factBases.computeIfAbsent(version, v -> {
            Map<String, byte[]> bytes = new TreeMap<>();
            stored("fact base", v, contents.factBase(v))
                    .forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
            List<FactProblem> problems = new ArrayList<>();
            FactBase facts = new FactBaseLoader().load(Path.of("facts"), bytes, problems);
            return checked("fact base", v, facts == null ? null : facts.version(), facts, problems);
        });
    }

    private static RecordedScenario recorded(StoredRecord record) {
        RecordedScenario recorded;
        try {
            recorded = RecordedScenario.parse(record.scenario());
        } catch (IllegalArgumentException e) {
            throw new ReplayException("advice " + record.id() + " names a shock scenario that cannot be read: "
                    + e.getMessage());
        }
        if (!recorded.textMatchesHash()) {
            throw new ReplayException("the text of shock scenario " + recorded.name() + " recorded with advice "
                    + record.id() + " does not hash to its recorded sha256: it was altered");
        }
        return recorded;
    }

    /**
     * The recorded scenario applied again to its stored baseline fact base; it must give the
     * version the advice records (which the chain hash covers), else the scenario or the
     * baseline was altered since.
     */
    private synchronized FactBase shocked(RecordedScenario recorded, String version, Contents contents) {
        String key = "scenario|" + version + "|" + org.mineralsadvisor.audit.ChainHash.sha256(recorded.text()) + "|"
                + recorded.appliedTo();
        FactBase cached = factBases.get(key);
        if (cached != null) {
            return cached;
        }
        FactBase base = factBase(recorded.appliedTo(), contents);
        FactBase facts;
        try {
            facts = ShockedFacts.apply(recorded.scenario(), base).facts();
        } catch (InvalidShockScenarioException e) {
            throw new ReplayException("shock scenario " + recorded.name() + " no longer applies to fact base "
                    + recorded.appliedTo() + ": " + e.problems());
        }
        if (!facts.version().equals(version)) {
            throw new ReplayException("shock scenario " + recorded.name() + " applied to fact base " + recorded.appliedTo()
                    + " gives " + facts.version() + ", not " + version + " as recorded: the scenario or the baseline was altered");
        }
        factBases.put(key, facts);
        return facts;
    }

    private static Map<String, String> stored(String what, String version, Map<String, String> files) {
        if (files == null) {
            throw new ReplayException(what + " " + version + " is not stored");
        }
        return files;
    }

    /** The loaded version, provided it loaded and its contents still hash to the version stored. */
    private static <T> T checked(String what, String version, String loadedVersion, T loaded, List<?> problems) {
        if (loaded == null) {
            throw new ReplayException("stored " + what + " " + version + " no longer loads: " + problems);
        }
        if (!loadedVersion.equals(version)) {
            throw new ReplayException("stored " + what + " " + version + " hashes to " + loadedVersion + ": it was altered");
        }
        return loaded;
    }
}
