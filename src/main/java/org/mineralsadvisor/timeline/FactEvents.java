package org.mineralsadvisor.timeline;

import org.mineralsadvisor.facts.CoalitionMember;
import org.mineralsadvisor.facts.ExportControl;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.timeline.FactEvent.Kind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The dates within a range on which the fact base changes something that can bear on a
 * profile's advice. Between two of them every fact the rules see is the same, so the advice
 * is too: evaluating the start and each of these dates finds every change, exactly.
 *
 * <p>Which rows count: every membership row (another country's joining can make it aligned with
 * the profile's country, and so a partner); export controls only on the profile's minerals and
 * applying to its country, since only those enter its evaluation.
 */
public final class FactEvents {
    private FactEvents() {
    }

    /** The events dated after {@code from} and on or before {@code to}, by date, then file and line. */
    public static List<FactEvent> between(FactBase facts, CountryProfile profile, LocalDate from, LocalDate to) {
        List<FactEvent> events = new ArrayList<>();
        for (CoalitionMember row : facts.members()) {
            add(events, from, to, new FactEvent(row.joined(), Kind.JOINED, row.coalition(),
                    row.country() + " joins " + row.coalition(), row.ref().file(), row.ref().line()));
        }
        Set<String> minerals = new LinkedHashSet<>();
        profile.minerals().forEach(m -> minerals.add(m.mineral()));
        for (String mineral : minerals) {
            for (ExportControl control : facts.exportControls(mineral)) {
                if (!control.appliesToAll() && !control.appliesTo().contains(profile.country())) {
                    continue;
                }
                String what = control.imposedBy() + " " + control.measure() + " on " + mineral
                        + (control.appliesToAll() ? " (all countries)" : " (" + String.join(", ", control.appliesTo().stream().sorted().toList()) + ")");
                add(events, from, to, new FactEvent(control.inForceFrom(), Kind.CONTROL_IN_FORCE, mineral,
                        what + " comes into force", control.ref().file(), control.ref().line()));
                if (control.inForceUntil() != null) {
                    add(events, from, to, new FactEvent(control.inForceUntil().plusDays(1), Kind.CONTROL_ENDED, mineral,
                            what + " ends (in force until " + control.inForceUntil() + ")",
                            control.ref().file(), control.ref().line()));
                }
            }
        }
        events.sort(Comparator.comparing(FactEvent::date).thenComparing(FactEvent::file)
                .thenComparingInt(FactEvent::line).thenComparing(FactEvent::kind));
        return events;
    }

    private static void add(List<FactEvent> events, LocalDate from, LocalDate to, FactEvent event) {
        if (event.date().isAfter(from) && !event.date().isAfter(to)) {
            events.add(event);
        }
    }

    /** {@code from} and each distinct event date after it. */
    static List<LocalDate> dates(LocalDate from, List<FactEvent> events) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        dates.add(from);
        events.forEach(e -> dates.add(e.date()));
        return List.copyOf(dates);
    }
}
