package org.mineralsadvisor.timeline;

import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.advice.Recommendation;
import org.mineralsadvisor.advice.RecommendationChange;
import org.mineralsadvisor.advice.RecommendationDiff;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.timeline.TimelineReport.Change;
import org.mineralsadvisor.timeline.TimelineReport.Field;
import org.mineralsadvisor.timeline.TimelineReport.Point;
import org.mineralsadvisor.timeline.TimelineReport.Rec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one profile on each date of a range and keeps the dates where its advice changes.
 * Evaluations are untraced (only recommendations are compared, and the trace costs most of an
 * evaluation) and nothing is recorded: a timeline explores what the advice would have been,
 * it is not advice given. Runs on the calling thread, one date after another.
 */
public final class Timeline {

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
        List<Recommendation> previous = null;
        LocalDate previousDate = null;
        for (LocalDate date : dates) {
            List<Recommendation> given = advisor.evaluate(rules, facts, profile.withAsOf(date), false).recommendations();
            List<Rec> recs = compact(given);
            if (previous == null) {
                points.add(new Point(date, recs, List.of(), List.of()));
            } else {
                List<Change> changes = changes(previous, given);
                if (!changes.isEmpty()) {
                    points.add(new Point(date, recs, changes, between(events, previousDate, date)));
                }
            }
            previous = given;
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

    /**
     * Added, then removed, then changed recommendations, each in its advice's order: the comparison
     * the impact diff and the shock scenarios make ({@link RecommendationDiff}), with each side's
     * recommendation as the timeline shows it.
     */
    static List<Change> changes(List<Recommendation> before, List<Recommendation> after) {
        Map<String, Rec> old = byKey(before);
        Map<String, Rec> now = byKey(after);
        List<Change> changes = new ArrayList<>();
        for (RecommendationChange c : RecommendationDiff.changes(before, after)) {
            String key = c.type() + "\u0000" + c.subject();
            changes.add(new Change(Change.Kind.valueOf(c.kind().name()), c.type(), c.subject(),
                    c.kind() == RecommendationChange.Kind.ADDED ? null : old.get(key),
                    c.kind() == RecommendationChange.Kind.REMOVED ? null : now.get(key),
                    c.fields().stream().map(f -> new Field(f.field(), f.before(), f.after())).toList()));
        }
        return changes;
    }

    private static Map<String, Rec> byKey(List<Recommendation> recommendations) {
        Map<String, Rec> keyed = new LinkedHashMap<>();
        for (Rec rec : compact(recommendations)) {
            keyed.putIfAbsent(rec.type() + "\u0000" + rec.subject(), rec);
        }
        return keyed;
    }
}
