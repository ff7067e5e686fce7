package org.mineralsadvisor.rules;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known name closest in spelling to a misspelt one, or none when nothing
 * is close enough to be a typo (a far-fetched hint would mislead more than it helps).
 */
public final class ClosestName {
    private ClosestName() {
    }

    public static Optional<String> among(String name, Collection<String> known) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, wanted.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = LevenshteinDistance.getDefaultInstance().apply(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance <= limit && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean X?"}, or nothing. */
    public static String hint(String name, Collection<String> known) {
        return among(name, known).map(c -> "; did you mean " + c + "?").orElse("");
    }
}
