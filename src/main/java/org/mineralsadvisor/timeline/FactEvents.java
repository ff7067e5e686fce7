package org.mineralsadvisor.timeline;

import org.mineralsadvisor.facts.Coalition;
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
 * <p>Which rows count: every coalition's founding and end, every membership row's joining and
 * leaving (another country's can make it aligned with the profile's country, and so a partner;
 * a bloc's counts for its countries); export controls only on the profile's minerals and
 * applying to its country (ALL or its own code), since only those enter its evaluation: their
 * coming into force, their end the day after {@code in_force_until}, and a suspension's start
 * and its end the day after {@code suspended_until}.
 */
public final class FactEvents {
    private FactEvents() {
    }

    /** The events dated after {@code from} and on or before {@code to}, by date, then file and line. */
    public static List<FactEvent> between(FactBase facts, CountryProfile profile, LocalDate from, LocalDate to) {
        List<FactEvent> events = new ArrayList<>();
        for (Coalition coalition : facts.coalitions().values()) {
            if (coalition.founded() != null) {
                add(events, from, to, new FactEvent(coalition.foundedOn(), Kind.FOUNDED, coalition.id(),
                        coalition.id() + " is founded", coalition.ref().file(), coalition.ref().line()));
            }
            if (coalition.ended() != null) {
                add(events, from, to, new FactEvent(coalition.ended(), Kind.ENDED, coalition.id(),
                        coalition.id() + " ends" + (coalition.succeededBy() == null ? "" : ", succeeded by "
                                + coalition.succeededBy()), coalition.ref().file(), coalition.ref().line()));
            }
        }
        for (CoalitionMember row : facts.members()) {
            add(events, from, to, new FactEvent(row.joined(), Kind.JOINED, row.coalition(),
                    row.country() + " joins " + row.coalition(), row.ref().file(), row.ref().line()));
            if (row.left() != null) {
                add(events, from, to, new FactEvent(row.left(), Kind.LEFT, row.coalition(),
                        row.country() + " leaves " + row.coalition(), row.ref().file(), row.ref().line()));
            }
        }
        Set<String> minerals = new LinkedHashSet<>();
        profile.minerals().forEach(m -> minerals.add(m.mineral()));
        for (String mineral : minerals) {
            for (ExportControl control : facts.exportControls(mineral)) {
                if (!control.appliesTo(profile.country())) {
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
                if (control.suspendedFrom() != null) {
                    add(events, from, to, new FactEvent(control.suspendedFrom(), Kind.SUSPENDED, mineral,
                            what + " is suspended (until " + control.suspendedUntil() + ")",
                            control.ref().file(), control.ref().line()));
                    add(events, from, to, new FactEvent(control.suspendedUntil().plusDays(1), Kind.SUSPENSION_ENDED,
                            mineral, what + " is back in force (suspended until " + control.suspendedUntil() + ")",
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
