package org.mineralsadvisor.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The search rows of one advice, derived from the advice JSON as stored (the bytes under the
 * chain hash): {@code advice_recommendations} holds {@code recommendations[i]}'s type, subject,
 * priority and policy id at position i + 1, {@code advice_policies} every {@code trace[*].policyId}
 * and every recommendation's policy id. This is the one definition: the service writes the rows
 * {@link #of} gives for the bytes it stores, and the chain check and search compare the stored
 * rows with what it gives for the bytes they read, so rows edited in the database are caught.
 *
 * <p>The advice is read with Jackson's streaming parser, skipping everything else (the trace's
 * matched facts and evidence are most of an advice): the chain check reads every advice.
 */
public record SearchRows(List<AuditRecord.IndexEntry> recommendations, SortedSet<String> policies) {
    private static final JsonFactory JSON = new JsonFactory();
    /** Differences named in full in a reason; the rest are counted. */
    private static final int NAMED_DIFFERENCES = 1;

    public SearchRows {
        recommendations = List.copyOf(recommendations);
        policies = Collections.unmodifiableSortedSet(new TreeSet<>(policies));
    }

    /** The rows of the advice {@code adviceJson} (UTF-8). */
    public static SearchRows of(byte[] adviceJson) {
        try (JsonParser parser = JSON.createParser(adviceJson)) {
            return read(parser);
        } catch (IOException e) {
            throw new UnreadableAdviceException("the advice is not JSON: " + firstLine(e.getMessage()));
        }
    }

    /** The rows of the advice {@code adviceJson} (a record stored as text, before V4). */
    public static SearchRows of(String adviceJson) {
        return of(adviceJson.getBytes(StandardCharsets.UTF_8));
    }

    private static SearchRows read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new UnreadableAdviceException("the advice is not a JSON object");
        }
        List<AuditRecord.IndexEntry> recommendations = new ArrayList<>();
        SortedSet<String> policies = new TreeSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("recommendations".equals(field)) {
                readRecommendations(p, value, recommendations);
            } else if ("trace".equals(field)) {
                readTrace(p, value, policies);
            } else {
                p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new UnreadableAdviceException("the advice has more after its JSON object");
        }
        recommendations.forEach(r -> policies.add(r.policyId()));
        return new SearchRows(recommendations, policies);
    }

    private static void readRecommendations(JsonParser p, JsonToken value, List<AuditRecord.IndexEntry> into)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            throw new UnreadableAdviceException("the advice's recommendations are not an array");
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int position = into.size() + 1;
            String[] fields = strings(p, "recommendation " + position, "type", "subject", "priority", "policyId");
            into.add(new AuditRecord.IndexEntry(fields[0], fields[1], fields[2], fields[3]));
        }
    }

    private static void readTrace(JsonParser p, JsonToken value, Set<String> into) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            throw new UnreadableAdviceException("the advice's trace is not an array");
        }
        int step = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            into.add(strings(p, "trace step " + ++step, "policyId")[0]);
        }
    }

    /** The named string fields of the object at the parser, in the order named (the rest skipped); each must be there. */
    private static String[] strings(JsonParser p, String what, String... names) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new UnreadableAdviceException(what + " is not a JSON object");
        }
        String[] found = new String[names.length];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int index = indexOf(names, p.currentName());
            JsonToken value = p.nextToken();
            if (index < 0) {
                p.skipChildren();
            } else if (value == JsonToken.VALUE_STRING) {
                found[index] = p.getText();
            } else {
                throw new UnreadableAdviceException(what + " has a " + names[index] + " that is not a string");
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (found[i] == null) {
                throw new UnreadableAdviceException(what + " has no " + names[i]);
            }
        }
        return found;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** True when these rows match the query's {@code policyId}, and its {@code type} and {@code priority} on one recommendation. */
    boolean matches(AuditQuery q) {
        if (q.policyId() != null && !policies.contains(q.policyId())) {
            return false;
        }
        if (q.type() == null && q.priority() == null) {
            return true;
        }
        return recommendations.stream().anyMatch(r -> (q.type() == null || q.type().equals(r.type()))
                && (q.priority() == null || q.priority().equals(r.priority())));
    }

    /**
     * What differs between the rows stored for this advice and these, its derived rows, in
     * position order and then by policy id; null when they agree. The first difference is named
     * ("recommendation 2 is stored as …, the advice has …"), the others counted.
     */
    String mismatch(Stored stored) {
        List<String> differences = new ArrayList<>();
        SortedMap<Integer, AuditRecord.IndexEntry> derived = new TreeMap<>();
        for (int i = 0; i < recommendations.size(); i++) {
            derived.put(i + 1, recommendations.get(i));
        }
        SortedSet<Integer> positions = new TreeSet<>(derived.keySet());
        positions.addAll(stored.recommendations().keySet());
        for (int position : positions) {
            AuditRecord.IndexEntry has = derived.get(position);
            AuditRecord.IndexEntry row = stored.recommendations().get(position);
            if (row == null) {
                differences.add("recommendation " + position + " (" + text(has) + ") is missing");
            } else if (has == null) {
                differences.add("an extra recommendation row " + position + " (" + text(row)
                        + ") is stored, the advice has " + recommendations.size() + " recommendation(s)");
            } else if (!has.equals(row)) {
                differences.add("recommendation " + position + " is stored as " + text(row) + ", the advice has "
                        + text(has));
            }
        }
        for (String policy : stored.policies()) {
            if (!policies.contains(policy)) {
                differences.add("policy " + policy + " has a search row but is not in the advice");
            }
        }
        for (String policy : policies) {
            if (!stored.policies().contains(policy)) {
                differences.add("policy " + policy + " is in the advice but has no search row");
            }
        }
        return describe(differences);
    }

    /** The differences as one reason: the first named, the rest counted; null for none. */
    private static String describe(List<String> differences) {
        if (differences.isEmpty()) {
            return null;
        }
        String named = String.join("; ", differences.subList(0, Math.min(NAMED_DIFFERENCES, differences.size())));
        int more = differences.size() - NAMED_DIFFERENCES;
        return more <= 0 ? named : named + " (and " + more + " more difference" + (more == 1 ? "" : "s") + ")";
    }

    /** A recommendation row as a reason shows it: {@code COALITION FORGE HIGH FORGE-ELIGIBILITY}. */
    static String text(AuditRecord.IndexEntry e) {
        return e.type() + " " + e.subject() + " " + e.priority() + " " + e.policyId();
    }

    /** The search rows stored for one seq: recommendations by position, and policy ids. */
    record Stored(long seq, SortedMap<Integer, AuditRecord.IndexEntry> recommendations, SortedSet<String> policies) {
        static Stored none(long seq) {
            return new Stored(seq, new TreeMap<>(), new TreeSet<>());
        }

        boolean isEmpty() {
            return recommendations.isEmpty() && policies.isEmpty();
        }

        /** The rows, for a reason about rows that belong to no advice: the first named, the rest counted. */
        String describe() {
            List<String> rows = new ArrayList<>();
            recommendations.forEach((position, e) -> rows.add("recommendation row " + position + " (" + text(e) + ")"));
            policies.forEach(policy -> rows.add("policy row " + policy));
            int more = rows.size() - 1;
            return rows.get(0) + (more <= 0 ? "" : " and " + more + " more row" + (more == 1 ? "" : "s"));
        }

    }

    /** An advice from which no search rows can be derived: not JSON, or a recommendation without its fields. */
    public static final class UnreadableAdviceException extends RuntimeException {
        UnreadableAdviceException(String message) {
            super(message);
        }
    }
}
