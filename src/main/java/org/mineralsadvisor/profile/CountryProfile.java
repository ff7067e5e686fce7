package org.mineralsadvisor.profile;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A validated country profile (data contract), with the contract's defaults applied.
 * {@code stockpileBudgetUsd} is null when the profile gives no budget.
 */
public record CountryProfile(String country, LocalDate asOf, List<String> memberships,
                             CapabilitiesInput capabilities, Double stockpileBudgetUsd,
                             List<MineralInput> minerals, List<CorridorInput> corridors) {

    /** The same profile on another date (a timeline evaluates one profile across many). */
    public CountryProfile withAsOf(LocalDate date) {
        return new CountryProfile(country, date, memberships, capabilities, stockpileBudgetUsd, minerals, corridors);
    }

    /** {@code given} names the capability fields the profile actually sent. */
    public record CapabilitiesInput(boolean semiconductorFabrication, boolean semiconductorAssemblyTest,
                                    boolean chipDesign, String exportControlRegime, boolean investmentScreening,
                                    boolean esgStandards, Set<String> given) {
    }

    /** {@code given} names the optional fields the entry actually sent. */
    public record MineralInput(String mineral, double annualDemandTonnes, double domesticProductionTonnes,
                               double stockTonnes, boolean defenceUse, List<ImportInput> imports, Set<String> given) {
    }

    public record ImportInput(String from, double tonnes) {
    }

    public record CorridorInput(String id, String name, String region, double resourceTonnesReo,
                                double separationCapacityTpa, double portDistanceKm, boolean powerAvailable,
                                boolean magnetPlantLinked, String clearance) {
    }
}
