package org.mineralsadvisor.evaluation;

import org.mineralsadvisor.facts.Country;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.Production;
import org.mineralsadvisor.facts.Stage;
import org.mineralsadvisor.model.Ids;
import org.mineralsadvisor.model.WorldShare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What the fact base alone determines and every evaluation needs: world shares and the global
 * top producer of each mineral. Computed once per loaded fact base.
 */
final class StaticFacts {
    private static final Map<FactBase, StaticFacts> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    final List<WorldShare> worldShares;
    private final Map<String, List<WorldShare>> worldSharesByCountry;
    final Map<String, Production> topProducerRow;
    /** Bloc code → the countries that are part_of it, in file order. */
    final Map<String, List<Country>> blocMembers;

    private StaticFacts(FactBase facts) {
        Map<String, Production> best = new LinkedHashMap<>();
        for (Production row : facts.production()) {
            String key = row.mineral() + "|" + row.country();
            Production current = best.get(key);
            // "whichever is larger (stages are never added)"; on a tie either row gives the same share.
            if (current == null || row.share() > current.share()) {
                best.put(key, row);
            }
        }
        List<WorldShare> shares = new ArrayList<>();
        best.values().forEach(row -> shares.add(new WorldShare(row.mineral(), row.country(), row.share(), row)));
        this.worldShares = List.copyOf(shares);
        Map<String, List<WorldShare>> byCountry = new LinkedHashMap<>();
        shares.forEach(w -> byCountry.computeIfAbsent(w.country(), k -> new ArrayList<>()).add(w));
        this.worldSharesByCountry = byCountry;

        Map<String, Production> top = new LinkedHashMap<>();
        for (String mineral : facts.minerals().keySet()) {
            List<Production> rows = facts.production(mineral);
            // Handbook sections 1 and 8: manufacturing rows where the item has any, else refining, else mining.
            Stage stage = rows.stream().anyMatch(r -> r.stage() == Stage.MANUFACTURING) ? Stage.MANUFACTURING
                    : rows.stream().anyMatch(r -> r.stage() == Stage.REFINING) ? Stage.REFINING : Stage.MINING;
            Production winner = null;
            for (Production row : rows) {
                if (row.stage() != stage) {
                    continue;
                }
                if (winner == null || row.share() > winner.share()
                        || (row.share() == winner.share() && Ids.compare(row.country(), winner.country()) < 0)) {
                    winner = row;
                }
            }
            if (winner != null) {
                top.put(mineral, winner);
            }
        }
        this.topProducerRow = Map.copyOf(top);

        Map<String, List<Country>> blocs = new LinkedHashMap<>();
        for (Country country : facts.countries().values()) {
            for (String bloc : country.partOf()) {
                blocs.computeIfAbsent(bloc, k -> new ArrayList<>()).add(country);
            }
        }
        this.blocMembers = Map.copyOf(blocs);
    }

    List<WorldShare> worldSharesOf(String country) {
        return worldSharesByCountry.getOrDefault(country, List.of());
    }

    static StaticFacts of(FactBase facts) {
        return CACHE.computeIfAbsent(facts, StaticFacts::new);
    }
}
