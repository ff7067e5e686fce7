package org.mineralsadvisor.model;

import org.mineralsadvisor.provenance.Evidenced;
import org.mineralsadvisor.provenance.ProfileValue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The submitted profile's country, date and budget ({@code stockpileBudgetUsd} null when not given). */
public record Profile(String country, LocalDate asOf, Double stockpileBudgetUsd) implements Evidenced {

    public boolean hasBudget() {
        return stockpileBudgetUsd != null;
    }

    @Override
    public List<Object> evidenceFor(Collection<String> fields) {
        List<Object> evidence = new ArrayList<>();
        if (fields.contains("country")) {
            evidence.add(ProfileValue.given("/country", country));
        }
        if (fields.contains("asOf")) {
            evidence.add(ProfileValue.given("/asOf", asOf.toString()));
        }
        if (fields.contains("stockpileBudgetUsd") || fields.contains("hasBudget")) {
            evidence.add(ProfileValue.of("/stockpileBudgetUsd", stockpileBudgetUsd, stockpileBudgetUsd == null));
        }
        return evidence;
    }
}
