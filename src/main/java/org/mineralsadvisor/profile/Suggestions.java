package org.mineralsadvisor.profile;

import org.mineralsadvisor.facts.Coalition;
import org.mineralsadvisor.facts.Country;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.Mineral;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * "Did you mean": the one known id an unknown one most likely stands for, or none.
 *
 * <p>An officer who trusts the hint submits what it says, so a wrong hint is worse than none:
 * ids and names are both matched (case, accents and separators ignored: {@code Germany} →
 * {@code DEU}); a transposition counts as one edit (optimal string alignment:
 * {@code CNH} → {@code CHN}); nothing is suggested beyond a quarter of the input's length
 * in edits (none for one or two characters); and nothing when two ids are equally close.
 * Three letters or fewer allow only a swap of two letters: one substitution in a three-letter
 * code is another country as often as a typo ({@code AUT} is Austria, not {@code AUS};
 * {@code DRC} is not Greece).
 */
public final class Suggestions {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private record Spelling(String text, String id) {
    }

    private final List<Spelling> spellings;
    private final Map<String, String> names;

    private Suggestions(Map<String, String> names) {
        List<Spelling> all = new ArrayList<>();
        names.forEach((id, name) -> {
            Set<String> texts = new LinkedHashSet<>();
            texts.add(normalize(id));
            if (name != null) {
                nameVariants(name).forEach(variant -> texts.add(normalize(variant)));
            }
            texts.forEach(text -> all.add(new Spelling(text, id)));
        });
        this.spellings = List.copyOf(all);
        this.names = names;
    }

    /** Ids with their display names (null where an id has none). */
    public static Suggestions of(Map<String, String> namesById) {
        return new Suggestions(new LinkedHashMap<>(namesById));
    }

    /** Ids alone, e.g. field names. */
    public static Suggestions of(Collection<String> ids) {
        Map<String, String> names = new LinkedHashMap<>();
        ids.forEach(id -> names.put(id, null));
        return new Suggestions(names);
    }

    public static Suggestions countries(FactBase facts) {
        return of(namesOf(facts.countries(), Country::name));
    }

    public static Suggestions minerals(FactBase facts) {
        return of(namesOf(facts.minerals(), Mineral::name));
    }

    public static Suggestions coalitions(FactBase facts) {
        return of(namesOf(facts.coalitions(), Coalition::name));
    }

    /** The known id {@code given} most likely stands for; empty when none is close or two are equally close. */
    public Optional<String> closest(String given) {
        String text = normalize(given);
        int allowed = text.length() <= 2 ? 0 : Math.max(1, text.length() / 4);
        boolean swapsOnly = text.length() <= 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tied = false;
        for (Spelling spelling : spellings) {
            int d = distance(text, spelling.text);
            if (swapsOnly && d > 0 && !isSwap(text, spelling.text)) {
                continue;
            }
            if (d < bestDistance) {
                best = spelling.id;
                bestDistance = d;
                tied = false;
            } else if (d == bestDistance && !spelling.id.equals(best)) {
                tied = true;
            }
        }
        return best == null || tied || bestDistance > allowed ? Optional.empty() : Optional.of(best);
    }

    /** How a suggestion reads in a message: the id, and its name where that says more. */
    public String describe(String id) {
        String name = names.get(id);
        return name == null || normalize(name).equals(normalize(id)) ? "'" + id + "'" : "'" + id + "' (" + name + ")";
    }

    /** Whether {@code b} is {@code a} with two adjacent characters swapped. */
    static boolean isSwap(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int first = 0;
        while (first < a.length() && a.charAt(first) == b.charAt(first)) {
            first++;
        }
        return first + 1 < a.length()
                && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                && a.substring(first + 2).equals(b.substring(first + 2));
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Case, accents and separators do not tell ids apart: "Côte d’Ivoire" = "cote d ivoire". */
    static String normalize(String text) {
        String bare = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return SEPARATORS.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /**
     * A fact-base name and the forms people write it in: "Korea, Republic of" is also "Korea"
     * and "Republic of Korea"; "Myanmar (Burma)" is also "Myanmar". A parenthesis is not a
     * name of its own ("New Caledonia (France)" must not answer "France").
     */
    private static List<String> nameVariants(String name) {
        List<String> variants = new ArrayList<>(List.of(name));
        int paren = name.indexOf(" (");
        String base = paren < 0 ? name : name.substring(0, paren);
        variants.add(base);
        int comma = base.indexOf(", ");
        if (comma > 0) {
            variants.add(base.substring(0, comma));
            variants.add(base.substring(comma + 2) + " " + base.substring(0, comma));
        }
        return variants;
    }

    private static <T> Map<String, String> namesOf(Map<String, T> rows, Function<T, String> name) {
        Map<String, String> names = new LinkedHashMap<>();
        rows.forEach((id, row) -> names.put(id, name.apply(row)));
        return names;
    }
}
