package org.mineralsadvisor.warnings;

import org.mineralsadvisor.facts.ExportControl;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.provenance.Sourced;
import org.mineralsadvisor.trace.EvidenceIds;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How current the fact base is on a date, for whoever maintains it: the oldest row of each file
 * against the file's maximum age, and the suspensions that have ended without the fact base
 * saying what followed. The service stays ready either way: this is for people, not for probes.
 */
public final class Freshness {
    private Freshness() {
    }

    /** Per file (sorted by name): its oldest row, that row's as_of, its age in days on {@code on}, and the file's maximum age. */
    public static List<Map<String, Object>> oldestRows(FactBase facts, MaxAges maxAges, LocalDate on) {
        Map<String, Sourced> oldest = new java.util.TreeMap<>();
        rows(facts).forEach(row -> {
            LocalDate date = RowDates.asOf(row.ref().asOf());
            Sourced current = oldest.get(row.ref().file());
            if (date != null && (current == null || date.isBefore(RowDates.asOf(current.ref().asOf())))) {
                oldest.put(row.ref().file(), row);
            }
        });
        List<Map<String, Object>> out = new ArrayList<>();
        oldest.forEach((file, row) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            long age = ChronoUnit.DAYS.between(RowDates.asOf(row.ref().asOf()), on);
            entry.put("file", EvidenceIds.factFile(file));
            entry.put("oldestRow", EvidenceIds.of(row));
            entry.put("asOf", row.ref().asOf());
            entry.put("ageDays", age);
            entry.put("maxAgeDays", maxAges.of(file));
            entry.put("stale", maxAges.of(file) != null && age > maxAges.of(file));
            out.add(entry);
        });
        return out;
    }

    /** The controls whose suspension ended before {@code on} in a row written before that end, and still valid on {@code on}, in file order. */
    public static List<Map<String, Object>> lapsedSuspensions(FactBase facts, LocalDate on) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ExportControl control : facts.exportControls()) {
            LocalDate written = RowDates.asOf(control.ref().asOf());
            if (control.suspendedUntil() != null && control.suspendedUntil().isBefore(on) && written != null
                    && written.isBefore(control.suspendedUntil()) && control.inForceOn(on)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("row", EvidenceIds.of(control));
                entry.put("mineral", control.mineral());
                entry.put("imposedBy", control.imposedBy());
                entry.put("measure", control.measure());
                entry.put("appliesTo", control.appliesToAll() ? "ALL" : String.join(";", new java.util.TreeSet<>(control.appliesTo())));
                entry.put("suspendedFrom", control.suspendedFrom().toString());
                entry.put("suspendedUntil", control.suspendedUntil().toString());
                entry.put("asOf", control.ref().asOf());
                out.add(entry);
            }
        }
        return out;
    }

    private static Stream<Sourced> rows(FactBase facts) {
        return Stream.of(facts.countries().values().stream(), facts.minerals().values().stream(),
                        facts.production().stream(), facts.exportControls().stream(), facts.coalitions().values().stream(),
                        facts.members().stream(), facts.corridors().stream())
                .flatMap(s -> s.map(Sourced.class::cast));
    }
}
