package org.mineralsadvisor.evaluation;

import org.mineralsadvisor.facts.Coalition;
import org.mineralsadvisor.facts.CoalitionMember;
import org.mineralsadvisor.facts.Country;
import org.mineralsadvisor.facts.CorridorRow;
import org.mineralsadvisor.facts.ExportControl;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.Mineral;
import org.mineralsadvisor.facts.Production;
import org.mineralsadvisor.facts.Clearance;
import org.mineralsadvisor.model.Aligned;
import org.mineralsadvisor.model.Capabilities;
import org.mineralsadvisor.model.ControlInForce;
import org.mineralsadvisor.model.Corridor;
import org.mineralsadvisor.model.FactProperties;
import org.mineralsadvisor.model.Ids;
import org.mineralsadvisor.model.Member;
import org.mineralsadvisor.model.MineralIndicators;
import org.mineralsadvisor.model.Profile;
import org.mineralsadvisor.model.WorldShare;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.CountryProfile.CorridorInput;
import org.mineralsadvisor.profile.CountryProfile.ImportInput;
import org.mineralsadvisor.profile.CountryProfile.MineralInput;
import org.mineralsadvisor.provenance.ProfileValue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a profile and the fact base into the facts the rules reason over, in a fixed order
 * (so evaluation is deterministic). It computes the handbook's definitions — section 1's
 * indicators, "member on asOf", "aligned", "world share" — and leaves every policy decision
 * (thresholds, factors, recommendations) to the DRL.
 */
public final class SituationBuilder {

    public List<Object> build(CountryProfile profile, FactBase facts) {
        StaticFacts derived = StaticFacts.of(facts);
        String home = profile.country();
        List<Object> out = new ArrayList<>();
        out.add(new Profile(home, profile.asOf(), profile.stockpileBudgetUsd()));
        CountryProfile.CapabilitiesInput c = profile.capabilities();
        out.add(new Capabilities(c.semiconductorFabrication(), c.semiconductorAssemblyTest(), c.chipDesign(),
                c.exportControlRegime(), c.investmentScreening(), c.esgStandards(), c.given()));
        // A coalition before its founding or from its end has no members and no recommendation
        // (handbook section 8): the rules never see it.
        for (Coalition coalition : facts.coalitions().values()) {
            if (coalition.existsOn(profile.asOf())) {
                out.add(coalition);
            }
        }

        List<Member> members = members(profile, facts);
        out.addAll(members);
        out.addAll(alignments(home, members));
        // The fact base enters the session as far as it concerns this profile: its minerals and
        // its country (every coalition membership, too). The rest cannot bear on the advice, and
        // inserting it would make every evaluation cost as much as the whole fact base.
        Set<String> profileMinerals = profileMinerals(profile);
        Set<String> minerals = new LinkedHashSet<>(profileMinerals);
        for (WorldShare share : derived.worldSharesOf(home)) {
            minerals.add(share.mineral());
        }
        for (Mineral mineral : facts.minerals().values()) {
            if (minerals.contains(mineral.id())) {
                out.add(mineral);
            }
        }
        for (WorldShare share : derived.worldShares) {
            if (share.country().equals(home) || profileMinerals.contains(share.mineral())) {
                out.add(share);
            }
        }
        for (String mineral : profileMinerals) {
            for (ExportControl control : facts.exportControls(mineral)) {
                if (control.binds(home, profile.asOf())) {
                    out.add(new ControlInForce(control.mineral(), control.imposedBy(), control));
                }
            }
        }
        for (int i = 0; i < profile.minerals().size(); i++) {
            out.add(indicators(profile, i, facts, derived));
        }
        out.addAll(corridors(profile, facts));
        return out;
    }

    private static Set<String> profileMinerals(CountryProfile profile) {
        Set<String> minerals = new LinkedHashSet<>();
        profile.minerals().forEach(m -> minerals.add(m.mineral()));
        return minerals;
    }

    /**
     * Handbook "member on asOf" with section 8: a row makes its country a member while joined ≤ asOf <
     * left, and through a bloc every country that is part_of it; the profile's memberships make its
     * own country (alone) a member; a coalition that does not exist on asOf has no members at all.
     */
    private static List<Member> members(CountryProfile profile, FactBase facts) {
        LocalDate asOf = profile.asOf();
        Map<String, List<Object>> basis = new LinkedHashMap<>();
        for (int j = 0; j < profile.memberships().size(); j++) {
            String coalition = profile.memberships().get(j);
            if (exists(facts, coalition, asOf)) {
                basis.computeIfAbsent(coalition + "|" + profile.country(), k -> new ArrayList<>())
                        .add(ProfileValue.given("/memberships/" + j, coalition));
            }
        }
        Map<String, List<Country>> blocMembers = StaticFacts.of(facts).blocMembers;
        for (CoalitionMember row : facts.members()) {
            if (row.memberOn(asOf) && exists(facts, row.coalition(), asOf)) {
                basis.computeIfAbsent(row.coalition() + "|" + row.country(), k -> new ArrayList<>()).add(row);
                for (Country part : blocMembers.getOrDefault(row.country(), List.of())) {
                    List<Object> through = basis.computeIfAbsent(row.coalition() + "|" + part.iso3(), k -> new ArrayList<>());
                    through.add(row);
                    through.add(part);
                }
            }
        }
        List<Member> members = new ArrayList<>();
        basis.forEach((key, evidence) -> {
            String[] parts = key.split("\\|", 2);
            members.add(new Member(parts[0], parts[1], List.copyOf(evidence)));
        });
        return members;
    }

    private static boolean exists(FactBase facts, String coalition, LocalDate asOf) {
        Coalition row = facts.coalitions().get(coalition);
        return row != null && row.existsOn(asOf);
    }

    private static List<Aligned> alignments(String home, List<Member> members) {
        Map<String, Member> homeIn = new LinkedHashMap<>();
        for (Member m : members) {
            if (m.country().equals(home)) {
                homeIn.put(m.coalition(), m);
            }
        }
        Map<String, List<Member>> shared = new TreeMap<>(Ids.ORDER);
        for (Member m : members) {
            if (!m.country().equals(home) && homeIn.containsKey(m.coalition())) {
                shared.computeIfAbsent(m.country(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Aligned> aligned = new ArrayList<>();
        shared.forEach((country, theirs) -> {
            List<String> coalitions = new ArrayList<>();
            Set<Object> basis = new LinkedHashSet<>();
            for (Member m : theirs) {
                coalitions.add(m.coalition());
                basis.addAll(homeIn.get(m.coalition()).basis());
                basis.addAll(m.basis());
            }
            coalitions.sort(Ids.ORDER);
            aligned.add(new Aligned(country, List.copyOf(coalitions), List.copyOf(basis)));
        });
        return aligned;
    }

    /**
     * Section 1's indicators of the profile's mineral at {@code index}, exactly as an evaluation
     * would insert them: what a counterfactual checks a proposed profile change against.
     */
    public static MineralIndicators indicatorsOf(CountryProfile profile, int index, FactBase facts) {
        return indicators(profile, index, facts, StaticFacts.of(facts));
    }

    /** Handbook section 1, each value computed with the formula given, in that order. */
    static MineralIndicators indicators(CountryProfile profile, int index, FactBase facts, StaticFacts derived) {
        MineralInput m = profile.minerals().get(index);
        String at = "/minerals/" + index;
        double demand = m.annualDemandTonnes();
        double production = m.domesticProductionTonnes();
        double stock = m.stockTonnes();

        double importReliance = Math.max(0, demand - production) / demand;
        double importTonnes = 0;
        for (ImportInput row : m.imports()) {
            importTonnes += row.tonnes();
        }
        String topSource = null;
        Double topSourceShare = null;
        double hhiSum = 0;
        if (importTonnes > 0) {
            double best = -1;
            for (ImportInput row : m.imports()) {
                double share = row.tonnes() / importTonnes;
                hhiSum += share * share;
                if (share > best || (share == best && Ids.compare(row.from(), topSource) < 0)) {
                    best = share;
                    topSource = row.from();
                }
            }
            topSourceShare = best;
        }
        double importHhi = importTonnes > 0 ? 10_000 * hhiSum : 0;
        double stockDays = stock * 365 / demand;

        List<Object> controlRows = new ArrayList<>();
        List<Object> controlledImports = new ArrayList<>();
        double controlledTonnes = 0;
        List<ExportControl> controls = facts.exportControls(m.mineral());
        for (int j = 0; j < m.imports().size(); j++) {
            ImportInput row = m.imports().get(j);
            boolean controlled = false;
            for (ExportControl control : controls) {
                if (control.imposedBy().equals(row.from()) && control.binds(profile.country(), profile.asOf())) {
                    controlled = true;
                    if (!controlRows.contains(control)) {
                        controlRows.add(control);
                    }
                }
            }
            if (controlled) {
                controlledTonnes += row.tonnes();
                controlledImports.add(importValue(at, j, row));
            }
        }
        double exportControlShare = importTonnes > 0 ? controlledTonnes / importTonnes : 0;

        Production top = derived.topProducerRow.get(m.mineral());
        Mineral mineral = facts.minerals().get(m.mineral());
        boolean defenceCritical = mineral.defenceCritical() || m.defenceUse();

        ProfileValue demandValue = ProfileValue.given(at + "/annualDemandTonnes", demand);
        ProfileValue productionValue = ProfileValue.of(at + "/domesticProductionTonnes", production,
                !m.given().contains("domesticProductionTonnes"));
        ProfileValue stockValue = ProfileValue.of(at + "/stockTonnes", stock, !m.given().contains("stockTonnes"));
        List<Object> imports = new ArrayList<>();
        for (int j = 0; j < m.imports().size(); j++) {
            imports.add(importValue(at, j, m.imports().get(j)));
        }
        if (imports.isEmpty()) {
            imports.add(ProfileValue.of(at + "/imports", List.of(), !m.given().contains("imports")));
        }
        List<Object> exportBasis = new ArrayList<>(controlledImports);
        exportBasis.addAll(controlRows);
        if (controlledImports.isEmpty()) {
            exportBasis.addAll(imports);
        }

        Map<String, List<Object>> basis = new LinkedHashMap<>();
        basis.put("mineral", List.of(ProfileValue.given(at + "/mineral", m.mineral())));
        basis.put("demandTonnes", List.of(demandValue));
        basis.put("productionTonnes", List.of(productionValue));
        basis.put("stockTonnes", List.of(stockValue));
        basis.put("importReliance", List.of(demandValue, productionValue));
        basis.put("importTonnes", imports);
        basis.put("topSource", imports);
        basis.put("topSourceShare", imports);
        basis.put("importHhi", imports);
        basis.put("stockDays", List.of(stockValue, demandValue));
        basis.put("exportControlShare", List.copyOf(exportBasis));
        basis.put("globalTopProducer", top == null ? List.of() : List.of(top));
        basis.put("globalTopShare", top == null ? List.of() : List.of(top));
        basis.put("defenceCritical", List.of(mineral, ProfileValue.of(at + "/defenceUse", m.defenceUse(),
                !m.given().contains("defenceUse"))));

        return new MineralIndicators(m.mineral(), demand, production, stock, importReliance, importTonnes,
                topSource, topSourceShare, importHhi, stockDays, exportControlShare,
                top == null ? null : top.country(), top == null ? 0 : top.share(), defenceCritical,
                java.util.Collections.unmodifiableMap(basis));
    }

    private static ProfileValue importValue(String at, int j, ImportInput row) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("from", row.from());
        value.put("tonnes", row.tonnes());
        return ProfileValue.given(at + "/imports/" + j, value);
    }

    private static List<Corridor> corridors(CountryProfile profile, FactBase facts) {
        Map<String, Corridor> byId = new LinkedHashMap<>();
        for (CorridorRow row : facts.corridors()) {
            if (row.country().equals(profile.country())) {
                Map<String, List<Object>> basis = new LinkedHashMap<>();
                for (String field : FactProperties.names(Corridor.class)) {
                    basis.put(field, List.of(row));
                }
                byId.put(row.id(), new Corridor(row.id(), row.country(), row.name(), row.region(),
                        row.resourceTonnesReo(), row.separationCapacityTpa(), row.portDistanceKm(),
                        row.powerAvailable(), row.magnetPlantLinked(), row.clearance(), basis));
            }
        }
        for (int i = 0; i < profile.corridors().size(); i++) {
            CorridorInput input = profile.corridors().get(i);
            String at = "/corridors/" + i;
            Map<String, List<Object>> basis = new LinkedHashMap<>();
            basis.put("id", List.of(ProfileValue.given(at + "/id", input.id())));
            basis.put("country", List.of(ProfileValue.given("/country", profile.country())));
            basis.put("resourceTonnesReo", List.of(ProfileValue.given(at + "/resourceTonnesReo", input.resourceTonnesReo())));
            basis.put("separationCapacityTpa", List.of(ProfileValue.given(at + "/separationCapacityTpa", input.separationCapacityTpa())));
            basis.put("portDistanceKm", List.of(ProfileValue.given(at + "/portDistanceKm", input.portDistanceKm())));
            basis.put("powerAvailable", List.of(ProfileValue.given(at + "/powerAvailable", input.powerAvailable())));
            basis.put("magnetPlantLinked", List.of(ProfileValue.given(at + "/magnetPlantLinked", input.magnetPlantLinked())));
            basis.put("clearance", List.of(ProfileValue.given(at + "/clearance", input.clearance())));
            // A profile corridor with a fact-base id replaces that row (handbook section 6).
            byId.remove(input.id());
            byId.put(input.id(), new Corridor(input.id(), profile.country(), input.name(), input.region(),
                    input.resourceTonnesReo(), input.separationCapacityTpa(), input.portDistanceKm(),
                    input.powerAvailable(), input.magnetPlantLinked(), Clearance.valueOf(input.clearance()),
                    java.util.Collections.unmodifiableMap(basis)));
        }
        return List.copyOf(byId.values());
    }
}
