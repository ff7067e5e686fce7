package org.mineralsadvisor.warnings;

import org.mineralsadvisor.facts.ExportControl;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.Mineral;
import org.mineralsadvisor.model.Ids;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.provenance.Sourced;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The advice's warnings (handbook section 8, ADV-WARNINGS): one per code and subject, in code
 * order and then by subject id, each citing the fact rows concerned. Deterministic: it reads only
 * the profile, the fact base, the rule set's maximum ages and the rows each recommendation rests on.
 */
public final class Warnings {
    private static final String ILLUSTRATIVE = "illustrative";

    /** The subject of a recommendation and the fact rows it rests on. */
    public record Basis(String subject, Collection<Sourced> rows) {
    }

    private Warnings() {
    }

    /**
     * @param cite gives a row's evidence id, listing the row in the advice's evidence if nothing cited it yet
     */
    public static List<Warning> of(CountryProfile profile, FactBase facts, MaxAges maxAges, List<Basis> recommendations,
                                   Function<Sourced, String> cite) {
        LocalDate asOf = profile.asOf();
        List<Warning> warnings = new ArrayList<>();
        for (String mineral : profileMinerals(profile)) {
            List<ExportControl> lapsed = new ArrayList<>();
            for (ExportControl control : facts.exportControls(mineral)) {
                if (lapsed(control, profile.country(), asOf)) {
                    lapsed.add(control);
                }
            }
            if (!lapsed.isEmpty()) {
                warnings.add(new Warning(WarningCode.SUSPENSION_LAPSED, mineral, suspensionMessage(mineral, lapsed),
                        ids(lapsed, cite)));
            }
        }
        Map<String, Set<Sourced>> rowsBySubject = new LinkedHashMap<>();
        for (Basis basis : recommendations) {
            rowsBySubject.computeIfAbsent(basis.subject(), k -> new LinkedHashSet<>()).addAll(basis.rows());
        }
        rowsBySubject.forEach((subject, rows) -> {
            List<Sourced> stale = rows.stream().filter(r -> stale(r, maxAges, asOf)).sorted(ROW_ORDER).toList();
            if (!stale.isEmpty()) {
                warnings.add(new Warning(WarningCode.STALE_FACT, subject, staleMessage(subject, stale, maxAges, asOf),
                        ids(stale, cite)));
            }
            List<Sourced> illustrative = rows.stream().filter(Warnings::illustrative).sorted(ROW_ORDER).toList();
            if (!illustrative.isEmpty()) {
                List<String> ids = ids(illustrative, cite);
                warnings.add(new Warning(WarningCode.ILLUSTRATIVE_FACT, subject, subject
                        + " rests on " + (ids.size() == 1 ? "a fact row whose figures are" : "fact rows whose figures are")
                        + " illustrative (assumed where no source gave them, not sourced): " + String.join(", ", ids)
                        + ".", ids));
            }
        });
        for (String mineral : profileMinerals(profile)) {
            Mineral row = facts.minerals().get(mineral);
            if (row != null && facts.production(mineral).isEmpty()) {
                warnings.add(new Warning(WarningCode.NO_PRODUCTION_DATA, mineral, mineral
                        + " has no production row in the fact base: the global chokepoint and diversification partners "
                        + "cannot be judged, so an empty partner list means no data, not that no aligned producer exists.",
                        List.of(cite.apply(row))));
            }
        }
        warnings.sort(Comparator.comparing(Warning::code).thenComparing(Warning::subject, Ids.ORDER));
        return List.copyOf(warnings);
    }

    /** Whether a fact row's source marks it as assumed rather than sourced. */
    public static boolean illustrative(Sourced row) {
        String source = row.ref().source();
        return source != null && source.strip().toLowerCase(Locale.ROOT).startsWith(ILLUSTRATIVE);
    }

    /**
     * A control applying to {@code country} whose suspension ended before asOf, in a row written
     * before that end, and that is otherwise in force on asOf: the fact base has not said what
     * happened next.
     */
    static boolean lapsed(ExportControl control, String country, LocalDate asOf) {
        if (control.suspendedUntil() == null || !control.appliesTo(country) || !control.suspendedUntil().isBefore(asOf)) {
            return false;
        }
        // A control whose validity has ended too (in_force_until before asOf) is not "back in force":
        // nothing is in doubt, and saying so would be false.
        if (!control.inForceOn(asOf)) {
            return false;
        }
        LocalDate written = RowDates.asOf(control.ref().asOf());
        return written != null && written.isBefore(control.suspendedUntil());
    }

    static boolean stale(Sourced row, MaxAges maxAges, LocalDate asOf) {
        Integer maxDays = maxAges.of(row.ref().file());
        LocalDate written = RowDates.asOf(row.ref().asOf());
        return maxDays != null && written != null && ChronoUnit.DAYS.between(written, asOf) > maxDays;
    }

    private static final Comparator<Sourced> ROW_ORDER = Comparator.comparing((Sourced r) -> r.ref().file())
            .thenComparingInt(r -> r.ref().line());

    private static List<String> ids(List<? extends Sourced> rows, Function<Sourced, String> cite) {
        List<String> ids = new ArrayList<>(rows.size());
        rows.forEach(r -> ids.add(cite.apply(r)));
        return List.copyOf(ids);
    }

    private static Set<String> profileMinerals(CountryProfile profile) {
        Set<String> minerals = new LinkedHashSet<>();
        profile.minerals().forEach(m -> minerals.add(m.mineral()));
        return minerals;
    }

    private static String suspensionMessage(String mineral, List<ExportControl> lapsed) {
        List<String> parts = new ArrayList<>();
        for (ExportControl c : lapsed) {
            parts.add(c.imposedBy() + "'s " + c.measure() + " (facts/" + c.ref().file() + ":" + c.ref().line()
                    + ") was suspended " + c.suspendedFrom() + " to " + c.suspendedUntil() + " and the row dates from "
                    + c.ref().asOf());
        }
        return mineral + ": " + String.join("; ", parts) + ". The fact base does not say what happened when the "
                + (lapsed.size() == 1 ? "suspension" : "suspensions") + " ended, so the "
                + (lapsed.size() == 1 ? "control is" : "controls are") + " treated as back in force.";
    }

    private static String staleMessage(String subject, List<Sourced> stale, MaxAges maxAges, LocalDate asOf) {
        List<String> parts = new ArrayList<>();
        for (Sourced row : stale) {
            LocalDate written = RowDates.asOf(row.ref().asOf());
            parts.add("facts/" + row.ref().file() + ":" + row.ref().line() + " (as of " + row.ref().asOf() + ", "
                    + ChronoUnit.DAYS.between(written, asOf) + " days old; " + row.ref().file() + " rows go stale after "
                    + maxAges.of(row.ref().file()) + " days)");
        }
        return subject + " rests on " + (stale.size() == 1 ? "a fact row" : stale.size() + " fact rows")
                + " older than " + (stale.size() == 1 ? "its" : "their") + " file's maximum age on " + asOf + ": " + String.join(", ", parts) + ".";
    }
}
