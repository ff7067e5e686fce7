package org.mineralsadvisor.timeline;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import org.mineralsadvisor.model.Details;

import java.time.LocalDate;
import java.util.List;

/**
 * One profile's advice across a range of dates: the first date in full, then only the dates
 * where a recommendation appeared, disappeared or changed, each with its whole list (so a
 * chart reads any point without replaying the ones before it) and what changed.
 *
 * @param profileAsOf the profile's own {@code asOf}, which every date of the range replaces
 * @param evaluated   how many dates were evaluated (points are the ones that changed)
 * Dates are written as the data contract writes {@code asOf} (YYYY-MM-DD; the shared mapper has no java.time module).
 */
@JsonPropertyOrder({"country", "profileAsOf", "from", "to", "step", "ruleSet", "factBase", "evaluated", "points"})
public record TimelineReport(String country, @JsonSerialize(using = ToStringSerializer.class) LocalDate profileAsOf,
                             @JsonSerialize(using = ToStringSerializer.class) LocalDate from,
                             @JsonSerialize(using = ToStringSerializer.class) LocalDate to, String step,
                             Version ruleSet, Version factBase, int evaluated, List<Point> points) {

    public record Version(String version) {
    }

    /**
     * @param events what the fact base changed after the date evaluated before this one and up to
     *               this one (not all of it need bear on the advice); empty on the first point
     */
    @JsonPropertyOrder({"asOf", "recommendations", "changes", "events"})
    public record Point(@JsonSerialize(using = ToStringSerializer.class) LocalDate asOf, List<Rec> recommendations,
                        List<Change> changes, List<FactEvent> events) {
    }

    /** A recommendation without its id, evaluation time and trace steps: what is compared from date to date. */
    @JsonPropertyOrder({"type", "subject", "priority", "policyId", "summary", "details"})
    public record Rec(String type, String subject, String priority, String policyId, String summary, Details details) {
    }

    /**
     * A recommendation, matched by type and subject, that appeared ({@code before} null),
     * disappeared ({@code after} null) or changed ({@code fields}: priority, policyId and each
     * {@code details.<name>} that differs, nested names dotted).
     */
    @JsonPropertyOrder({"change", "type", "subject", "before", "after", "fields"})
    public record Change(Kind change, String type, String subject, Rec before, Rec after, List<Field> fields) {

        public enum Kind { ADDED, REMOVED, CHANGED }
    }

    @JsonPropertyOrder({"field", "before", "after"})
    public record Field(String field, JsonNode before, JsonNode after) {
    }
}
