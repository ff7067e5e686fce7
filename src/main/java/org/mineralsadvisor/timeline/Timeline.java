package org.mineralsadvisor.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.advice.Recommendation;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.timeline.TimelineReport.Change;
import org.mineralsadvisor.timeline.TimelineReport.Field;
import org.mineralsadvisor.timeline.TimelineReport.Point;
import org.mineralsadvisor.timeline.TimelineReport.Rec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates one profile on each date of a range and keeps the dates where its advice changes.
 * Evaluations are untraced (only recommendations are compared, and the trace costs most of an
 * evaluation) and nothing is recorded: a timeline explores what the advice would have been,
 * it is not advice given. Runs on the calling thread, one date after another.
 */
public final class Timeline {
    private static final ObjectMapper JSON = AdviceJson.mapper();

    private final Advisor advisor;

    /** @param advisor carries the firing and time limits each date's evaluation runs under */
    public Timeline(Advisor advisor) {
        this.advisor = advisor;
    }

    /** The dates a range evaluates for this profile; throws InvalidRangeException past {@link TimelineRange#MAX_DATES}. */
    public static List<LocalDate> dates(TimelineRange range, FactBase facts, CountryProfile profile) {
        if (range.step().calendar()) {
            return range.steppedDates();
        }
        List<LocalDate> dates = FactEvents.dates(range.from(), FactEvents.between(facts, profile, range.from(), range.to()));
        if (dates.size() > TimelineRange.MAX_DATES) {
            throw new InvalidRangeException(List.of(TimelineRange.tooMany("from " + range.from() + " to " + range.to()
                    + " the fact base changes on " + String.format("%,d", dates.size() - 1) + " dates", "shorten the range")));
        }
        return dates;
    }

    public TimelineReport run(RuleSet rules, FactBase facts, CountryProfile profile, TimelineRange range) {
        List<FactEvent> events = FactEvents.between(facts, profile, range.from(), range.to());
        List<LocalDate> dates = dates(range, facts, profile);
        List<Point> points = new ArrayList<>();
        List<Rec> previous = null;
        LocalDate previousDate = null;
        for (LocalDate date : dates) {
            List<Rec> recs = compact(advisor.evaluate(rules, facts, profile.withAsOf(date), false).recommendations());
            if (previous == null) {
                points.add(new Point(date, recs, List.of(), List.of()));
            } else {
                List<Change> changes = changes(previous, recs);
                if (!changes.isEmpty()) {
                    points.add(new Point(date, recs, changes, between(events, previousDate, date)));
                }
            }
            previous = recs;
            previousDate = date;
        }
        return new TimelineReport(profile.country(), profile.asOf(), range.from(), range.to(), range.step().id(),
                new TimelineReport.Version(rules.version()), new TimelineReport.Version(facts.version()),
                dates.size(), List.copyOf(points));
    }

    private static List<FactEvent> between(List<FactEvent> events, LocalDate after, LocalDate upTo) {
        return events.stream().filter(e -> e.date().isAfter(after) && !e.date().isAfter(upTo)).toList();
    }

    private static List<Rec> compact(List<Recommendation> recommendations) {
        return recommendations.stream().map(r -> new Rec(r.type().name(), r.subject(), r.priority().name(),
                r.policyId(), r.summary(), r.details())).toList();
    }

    /** Added, then removed, then changed recommendations, each in its advice's order. */
    static List<Change> changes(List<Rec> before, List<Rec> after) {
        Map<String, Rec> old = byKey(before);
        Map<String, Rec> now = byKey(after);
        List<Change> added = new ArrayList<>();
        List<Change> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        now.forEach((key, rec) -> {
            Rec was = old.get(key);
            if (was == null) {
                added.add(new Change(Change.Kind.ADDED, rec.type(), rec.subject(), null, rec, List.of()));
            } else {
                List<Field> fields = fields(was, rec);
                if (!fields.isEmpty()) {
                    changed.add(new Change(Change.Kind.CHANGED, rec.type(), rec.subject(), was, rec, fields));
                }
            }
        });
        old.forEach((key, rec) -> {
            if (!now.containsKey(key)) {
                removed.add(new Change(Change.Kind.REMOVED, rec.type(), rec.subject(), rec, null, List.of()));
            }
        });
        List<Change> all = new ArrayList<>(added);
        all.addAll(removed);
        all.addAll(changed);
        return all;
    }

    /** Type and subject; a second recommendation of the same pair (none today) pairs with the second one. */
    private static Map<String, Rec> byKey(List<Rec> recs) {
        Map<String, Rec> keyed = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Rec rec : recs) {
            String key = rec.type() + "\u0000" + rec.subject();
            int n = seen.merge(key, 1, Integer::sum);
            keyed.put(n == 1 ? key : key + "\u0000" + n, rec);
        }
        return keyed;
    }

    private static List<Field> fields(Rec was, Rec now) {
        if (was.priority().equals(now.priority()) && Objects.equals(was.policyId(), now.policyId())
                && Objects.equals(was.details(), now.details())) {
            return List.of(); // the summary is written from the details, so it changes only with them
        }
        List<Field> fields = new ArrayList<>();
        if (!was.priority().equals(now.priority())) {
            fields.add(new Field("priority", JSON.valueToTree(was.priority()), JSON.valueToTree(now.priority())));
        }
        if (!Objects.equals(was.policyId(), now.policyId())) {
            fields.add(new Field("policyId", JSON.valueToTree(was.policyId()), JSON.valueToTree(now.policyId())));
        }
        diff("details", JSON.valueToTree(was.details()), JSON.valueToTree(now.details()), fields);
        return fields;
    }

    /** Objects field by field (dotted names); anything else, lists included, as one value. */
    private static void diff(String field, JsonNode before, JsonNode after, List<Field> out) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Map<String, Boolean> names = new LinkedHashMap<>();
            before.fieldNames().forEachRemaining(n -> names.put(n, true));
            after.fieldNames().forEachRemaining(n -> names.put(n, true));
            for (String name : names.keySet()) {
                diff(field + "." + name, before.get(name), after.get(name), out);
            }
            return;
        }
        if (!Objects.equals(before, after)) {
            out.add(new Field(field, before, after));
        }
    }
}
