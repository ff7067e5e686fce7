package org.mineralsadvisor.advice;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A recommendation that appeared, disappeared or changed between the base and the candidate
 * rule set. Recommendations are matched by (type, subject), never by position: a change of
 * priority reorders the advice and renumbers every id after it.
 *
 * @param policyId the candidate's policy id (the base's for a removed recommendation)
 * @param priority the candidate's priority (the base's for a removed recommendation)
 * @param fields   for a change, each field that differs ({@code priority}, {@code policyId},
 *                 {@code details.<name>}, nested names dotted), in the recommendation's field order
 */
public record RecommendationChange(Kind kind, String type, String subject, String policyId, String priority,
                                   List<FieldChange> fields) {

    public enum Kind { ADDED, REMOVED, CHANGED }

    /** One field, before and after (JSON values; a field missing on one side is null there). */
    public record FieldChange(String field, JsonNode before, JsonNode after) {
    }
}
