package org.mineralsadvisor.profile;

import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.facts.FactBase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the schema cannot say: ids known to the fact base (with a "did you mean"), the same
 * mineral, source, corridor or coalition twice, an import from the profile's own country. Runs on any
 * tree, structurally valid or not, so that every problem is reported at once; a value of
 * the wrong type is the schema's to report and is skipped here.
 */
final class SemanticChecks {
    private final Set<String> countries;
    private final Set<String> minerals;
    private final Set<String> coalitions;
    private final Suggestions countryHints;
    private final Suggestions mineralHints;
    private final Suggestions coalitionHints;

    SemanticChecks(FactBase facts) {
        this.countries = facts.countries().keySet();
        this.minerals = facts.minerals().keySet();
        this.coalitions = facts.coalitions().keySet();
        this.countryHints = Suggestions.countries(facts);
        this.mineralHints = Suggestions.minerals(facts);
        this.coalitionHints = Suggestions.coalitions(facts);
    }

    List<ProfileProblem> check(JsonNode root) {
        List<ProfileProblem> problems = new ArrayList<>();
        if (!root.isObject()) {
            return problems;
        }
        String country = text(root.get("country"));
        if (country != null) {
            known(country, "/country", countries, countryHints, "unknown_country", "country", problems);
        }
        JsonNode memberships = root.path("memberships");
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < memberships.size() && memberships.isArray(); i++) {
            String coalition = text(memberships.get(i));
            String at = Pointers.child("/memberships", i);
            if (coalition != null && known(coalition, at, coalitions, coalitionHints, "unknown_coalition",
                    "coalition", problems)) {
                duplicate(seen, coalition, i, at, "coalition", "/memberships", problems);
            }
        }
        minerals(root.path("minerals"), country, problems);
        corridors(root.path("corridors"), problems);
        return problems;
    }

    private void minerals(JsonNode entries, String country, List<ProfileProblem> problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size() && entries.isArray(); i++) {
            String at = Pointers.child("/minerals", i);
            JsonNode entry = entries.get(i);
            String mineral = text(entry.get("mineral"));
            if (mineral != null && known(mineral, at + "/mineral", minerals, mineralHints, "unknown_mineral",
                    "mineral", problems)) {
                duplicate(seen, mineral, i, at + "/mineral", "mineral", "/minerals", problems);
            }
            imports(entry.path("imports"), at + "/imports", country, problems);
        }
    }

    private void imports(JsonNode rows, String at, String country, List<ProfileProblem> problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < rows.size() && rows.isArray(); j++) {
            String fromAt = Pointers.child(at, j) + "/from";
            String from = text(rows.get(j).get("from"));
            if (from == null || !known(from, fromAt, countries, countryHints, "unknown_country", "country", problems)) {
                continue;
            }
            if (from.equals(country)) {
                problems.add(ProfileProblem.of(fromAt, "own_country",
                        "an import cannot come from the profile's own country " + country));
            } else {
                duplicate(seen, from, j, fromAt, "source", at, problems);
            }
        }
    }

    private void corridors(JsonNode entries, List<ProfileProblem> problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size() && entries.isArray(); i++) {
            String id = text(entries.get(i).get("id"));
            if (id != null) {
                duplicate(seen, id, i, Pointers.child("/corridors", i) + "/id", "corridor", "/corridors", problems);
            }
        }
    }

    private static boolean known(String id, String at, Set<String> ids, Suggestions hints, String code, String what,
                                 List<ProfileProblem> problems) {
        if (ids.contains(id)) {
            return true;
        }
        String suggestion = hints.closest(id).orElse(null);
        problems.add(new ProfileProblem(at, code, what + " '" + id + "' is not in the fact base"
                + (suggestion == null ? "" : "; did you mean " + hints.describe(suggestion) + "?"), suggestion));
        return false;
    }

    private static void duplicate(Map<String, Integer> seen, String id, int index, String at, String what,
                                  String listAt, List<ProfileProblem> problems) {
        Integer first = seen.putIfAbsent(id, index);
        if (first != null) {
            problems.add(ProfileProblem.of(at, "duplicate",
                    what + " '" + id + "' is already listed at " + Pointers.child(listAt, first)));
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
