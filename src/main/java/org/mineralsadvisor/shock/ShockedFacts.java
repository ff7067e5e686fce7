package org.mineralsadvisor.shock;

import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.facts.FactProblem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shock scenario applied to a fact base: the base's files patched ({@link FactPatcher}) and
 * loaded again by {@link FactBaseLoader}, so every check of the data contract applies to the
 * result, which has its own version (the hash of the patched files). The base itself is never
 * changed: it is immutable, and the patch works on copies of its files' text.
 *
 * @param base     the fact base the scenario was applied to (its version is the baseline advice's)
 * @param facts    the scenario's fact base
 */
public record ShockedFacts(ShockScenario scenario, FactBase base, FactBase facts) {
    private static final int CACHED = 8;

    /** True when the scenario was written for another fact-base version than the one it was applied to. */
    public boolean writtenForAnother() {
        return !scenario.writtenFor().equals(base.version());
    }

    /** A sentence for the response when {@link #writtenForAnother()}, else null. */
    public String note() {
        return writtenForAnother() ? "the scenario was written for fact base " + scenario.writtenFor()
                + " and applied to " + base.version() + ", the active one: every change found its rows" : null;
    }

    /**
     * Applies {@code scenario} to {@code base}.
     *
     * @throws InvalidShockScenarioException naming each change that does not apply, or what the
     *                                       loader finds wrong in the patched fact base, at the change that wrote the row where possible
     */
    public static ShockedFacts apply(ShockScenario scenario, FactBase base) {
        FactPatcher.Patched patched = FactPatcher.apply(scenario, base.sources());
        Map<String, byte[]> bytes = new TreeMap<>();
        patched.files().forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        List<FactProblem> problems = new ArrayList<>();
        FactBase facts = new FactBaseLoader().load(base.directory(), bytes, problems);
        if (facts == null) {
            throw new InvalidShockScenarioException(scenario.file(), problems.stream()
                    .map(p -> located(scenario, patched, p)).toList());
        }
        return new ShockedFacts(scenario, base, facts);
    }

    /** At the change that wrote the line at fault, else at the scenario as a whole ("after its changes"). */
    private static ShockProblem located(ShockScenario scenario, FactPatcher.Patched patched, FactProblem p) {
        String where = p.file() + ":" + p.line() + ":" + p.column();
        ShockChange change = patched.origins().getOrDefault(p.file(), Map.of()).get(p.line());
        if (change != null) {
            return new ShockProblem(scenario.file(), change.line(), change.column(), change.pointer(), p.code(),
                    "the row this change writes (" + where + " of the patched fact base) fails the data contract: "
                            + p.message());
        }
        return new ShockProblem(scenario.file(), 0, 0, "", p.code(), "after the scenario's changes, " + where
                + " of the fact base fails the data contract: " + p.message());
    }

    /** Applied scenarios by base version and scenario text, the most recently used few. */
    public static final class Cache {
        private final Map<String, ShockedFacts> applied = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ShockedFacts> eldest) {
                return size() > CACHED;
            }
        };

        public synchronized ShockedFacts apply(ShockScenario scenario, FactBase base) {
            String key = base.version() + "|" + scenario.sha256() + "|" + scenario.file();
            ShockedFacts cached = applied.get(key);
            if (cached != null && cached.base() == base) {
                return cached;
            }
            ShockedFacts fresh = ShockedFacts.apply(scenario, base);
            applied.put(key, fresh);
            return fresh;
        }
    }
}
