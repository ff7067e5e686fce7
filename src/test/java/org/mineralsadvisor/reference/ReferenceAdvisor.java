package org.mineralsadvisor.reference;

import org.mineralsadvisor.facts.Clearance;
import org.mineralsadvisor.facts.Coalition;
import org.mineralsadvisor.facts.Country;
import org.mineralsadvisor.facts.CoalitionMember;
import org.mineralsadvisor.facts.CorridorRow;
import org.mineralsadvisor.facts.ExportControl;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.Mineral;
import org.mineralsadvisor.facts.Production;
import org.mineralsadvisor.facts.Stage;
import org.mineralsadvisor.profile.CountryProfile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A second, independent implementation of the policy handbook (default policy pack v1), written in
 * plain Java from {@code policy-handbook.md} and {@code data-contract.md} only. It is a test oracle:
 * {@link #advise()} gives the recommendations that the handbook asks for, in section 7 order, with the
 * details that the data contract lists. It shares no code with the Drools engine on purpose, so that
 * a mistake in one of them shows up as a disagreement.
 *
 * <p>Arithmetic follows the handbook's formulas in the order they are written, in IEEE double; sums
 * run over the profile's import rows in the order the profile gives them. Ids are compared by ordinal
 * code-point order ({@link #BY_ID}).
 */
public final class ReferenceAdvisor {

    /** One expected recommendation: what the engine's {@code Recommendation} must carry. */
    public record Expected(String type, String subject, String priority, String policyId,
                           Map<String, Object> details) {
    }

    // Factor names, in the order of the handbook's section 2 table.
    static final String IMPORT_RELIANT = "IMPORT_RELIANT";
    static final String CONCENTRATED_SOURCING = "CONCENTRATED_SOURCING";
    static final String EXPORT_CONTROL_EXPOSED = "EXPORT_CONTROL_EXPOSED";
    static final String GLOBAL_CHOKEPOINT = "GLOBAL_CHOKEPOINT";
    static final String DEFENCE_CRITICAL = "DEFENCE_CRITICAL";
    static final List<String> FACTOR_ORDER = List.of(IMPORT_RELIANT, CONCENTRATED_SOURCING, EXPORT_CONTROL_EXPOSED,
            GLOBAL_CHOKEPOINT, DEFENCE_CRITICAL);

    static final String PAX_SILICA = "PAX_SILICA";
    static final String MSP = "MSP";
    static final String FORGE = "FORGE";

    private static final List<String> PRIORITIES = List.of("HIGH", "MEDIUM", "LOW", "INFO");
    private static final List<String> TYPES = List.of("STOCKPILE", "DIVERSIFY", "COALITION", "CORRIDOR");

    /**
     * Ordinal order of Unicode code points. Not {@link String#compareTo}, which compares UTF-16 code units
     * and so puts a supplementary character (a surrogate pair, 0xD800–0xDFFF) before U+E000–U+FFFF.
     */
    static final Comparator<String> BY_ID = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final FactBase facts;
    private final CountryProfile profile;
    private final String country;
    private final LocalDate asOf;

    public ReferenceAdvisor(FactBase facts, CountryProfile profile) {
        this.facts = facts;
        this.profile = profile;
        this.country = profile.country();
        this.asOf = profile.asOf();
    }

    /** The handbook's recommendations for the profile, in section 7 order. */
    public List<Expected> advise() {
        List<Indicators> indicators = new ArrayList<>();
        for (CountryProfile.MineralInput input : profile.minerals()) {
            indicators.add(indicators(input));
        }
        List<Expected> result = new ArrayList<>();
        result.addAll(stockpiles(indicators));
        result.addAll(diversifications(indicators));
        result.addAll(coalitions(indicators));
        result.addAll(corridors());
        result.sort(Comparator.comparingInt((Expected e) -> PRIORITIES.indexOf(e.priority()))
                .thenComparingInt(e -> TYPES.indexOf(e.type()))
                .thenComparing(Expected::subject, BY_ID));
        return result;
    }

    // ---------------------------------------------------------------- definitions (handbook preamble)

    /**
     * Member on asOf (with section 8): none at all while the coalition does not exist (before founded,
     * from ended); else the profile's memberships for the profile's country, whatever the date; else a
     * coalition_members row with joined ≤ asOf < left for the country itself or for one of its blocs.
     */
    boolean memberOn(String coalition, String who) {
        Coalition k = facts.coalitions().get(coalition);
        if (k != null && ((k.founded() != null && asOf.isBefore(foundedOn(k))) || (k.ended() != null && !asOf.isBefore(k.ended())))) {
            return false;
        }
        if (who.equals(country) && profile.memberships().contains(coalition)) {
            return true;
        }
        Country whoRow = facts.countries().get(who);
        Set<String> blocs = whoRow == null ? Set.of() : whoRow.partOf();
        for (CoalitionMember row : facts.members()) {
            boolean itself = row.country().equals(who) || blocs.contains(row.country());
            boolean current = !row.joined().isAfter(asOf) && (row.left() == null || asOf.isBefore(row.left()));
            if (row.coalition().equals(coalition) && itself && current) {
                return true;
            }
        }
        return false;
    }

    /** founded as the handbook reads it: a year-only value counts as 1 January. */
    private static LocalDate foundedOn(Coalition k) {
        return k.founded().length() == 4 ? LocalDate.of(Integer.parseInt(k.founded()), 1, 1) : LocalDate.parse(k.founded());
    }

    /** A coalition of the fact base that exists on asOf (section 8: founded ≤ asOf < ended). */
    private boolean exists(String coalition) {
        Coalition k = facts.coalitions().get(coalition);
        return k != null && (k.founded() == null || !asOf.isBefore(foundedOn(k))) && (k.ended() == null || asOf.isBefore(k.ended()));
    }

    /** Every coalition id known to the fact base (coalitions.csv and the rows that reference one). */
    private Set<String> coalitionIds() {
        Set<String> ids = new TreeSet<>(BY_ID);
        ids.addAll(facts.coalitions().keySet());
        facts.members().forEach(m -> ids.add(m.coalition()));
        ids.addAll(profile.memberships());
        return ids;
    }

    /** Aligned: both are members of at least one common coalition on asOf. */
    boolean aligned(String a, String b) {
        for (String k : coalitionIds()) {
            if (memberOn(k, a) && memberOn(k, b)) {
                return true;
            }
        }
        return false;
    }

    /** World share: the larger of the mining and refining share (never added); 0 without a row. */
    double worldShare(String who, String mineral) {
        double share = 0;
        boolean any = false;
        for (Production row : facts.production()) {
            if (row.mineral().equals(mineral) && row.country().equals(who)) {
                share = any ? Math.max(share, row.share()) : row.share();
                any = true;
            }
        }
        return share;
    }

    private boolean hasProductionRow(String who, String mineral) {
        for (Production row : facts.production()) {
            if (row.mineral().equals(mineral) && row.country().equals(who)) {
                return true;
            }
        }
        return false;
    }

    /** An export control by {@code imposer} on {@code mineral}, in force on asOf, applying to the profile's country. */
    boolean controls(String imposer, String mineral) {
        for (ExportControl c : facts.exportControls()) {
            if (!c.mineral().equals(mineral) || !c.imposedBy().equals(imposer)) {
                continue;
            }
            boolean suspended = c.suspendedFrom() != null && !asOf.isBefore(c.suspendedFrom())
                    && !asOf.isAfter(c.suspendedUntil());
            boolean inForce = !c.inForceFrom().isAfter(asOf)
                    && (c.inForceUntil() == null || !asOf.isAfter(c.inForceUntil())) && !suspended;
            boolean appliesToUs = c.appliesTo().isEmpty() || c.appliesTo().contains(country);
            if (inForce && appliesToUs) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- section 1: indicators

    record Indicators(String mineral, double demand, double importReliance, double importTonnes, String topSource,
                      Double topSourceShare, double importHhi, double stockDays, double exportControlShare,
                      String globalTopProducer, double globalTopShare, boolean defenceCritical,
                      List<String> factors, int aggravating) {
        boolean has(String factor) {
            return factors.contains(factor);
        }
    }

    Indicators indicators(CountryProfile.MineralInput m) {
        double d = m.annualDemandTonnes();
        double p = m.domesticProductionTonnes();
        double s = m.stockTonnes();
        double importReliance = Math.max(0, d - p) / d;

        double i = 0;
        for (CountryProfile.ImportInput row : m.imports()) {
            i = i + row.tonnes();
        }
        String topSource = null;
        Double topSourceShare = null;
        double hhiSum = 0;
        double exportControlled = 0;
        if (i > 0) {
            for (CountryProfile.ImportInput row : m.imports()) {
                double share = row.tonnes() / i;
                hhiSum = hhiSum + share * share;
                if (topSource == null || share > topSourceShare
                        || (share == topSourceShare && BY_ID.compare(row.from(), topSource) < 0)) {
                    topSource = row.from();
                    topSourceShare = share;
                }
                if (controls(row.from(), m.mineral())) {
                    exportControlled = exportControlled + row.tonnes();
                }
            }
        }
        double importHhi = i > 0 ? 10_000 * hhiSum : 0;
        double stockDays = s * 365 / d;
        double exportControlShare = i > 0 ? exportControlled / i : 0;

        // Global top producer: manufacturing rows where the item has any (section 8), else refining rows,
        // else mining rows.
        List<Production> rows = facts.production().stream()
                .filter(r -> r.mineral().equals(m.mineral()) && r.stage() == Stage.MANUFACTURING).toList();
        if (rows.isEmpty()) {
            rows = facts.production().stream()
                    .filter(r -> r.mineral().equals(m.mineral()) && r.stage() == Stage.REFINING).toList();
        }
        if (rows.isEmpty()) {
            rows = facts.production().stream()
                    .filter(r -> r.mineral().equals(m.mineral()) && r.stage() == Stage.MINING).toList();
        }
        String globalTop = null;
        double globalTopShare = 0;
        for (Production r : rows) {
            if (globalTop == null || r.share() > globalTopShare
                    || (r.share() == globalTopShare && BY_ID.compare(r.country(), globalTop) < 0)) {
                globalTop = r.country();
                globalTopShare = r.share();
            }
        }
        Mineral mineral = facts.minerals().get(m.mineral());
        boolean defenceCritical = (mineral != null && mineral.defenceCritical()) || m.defenceUse();

        // Section 2: risk factors, in table order.
        List<String> factors = new ArrayList<>();
        if (importReliance >= 0.50) {
            factors.add(IMPORT_RELIANT);
        }
        if (i > 0 && (topSourceShare >= 0.50 || importHhi >= 2_500)) {
            factors.add(CONCENTRATED_SOURCING);
        }
        if (exportControlShare >= 0.25) {
            factors.add(EXPORT_CONTROL_EXPOSED);
        }
        if (globalTop != null && globalTopShare >= 0.60 && !globalTop.equals(country) && !aligned(globalTop, country)) {
            factors.add(GLOBAL_CHOKEPOINT);
        }
        if (defenceCritical) {
            factors.add(DEFENCE_CRITICAL);
        }
        int aggravating = 0;
        for (String f : List.of(CONCENTRATED_SOURCING, EXPORT_CONTROL_EXPOSED, GLOBAL_CHOKEPOINT)) {
            if (factors.contains(f)) {
                aggravating++;
            }
        }
        return new Indicators(m.mineral(), d, importReliance, i, topSource, topSourceShare, importHhi, stockDays,
                exportControlShare, globalTop, globalTopShare, defenceCritical, List.copyOf(factors), aggravating);
    }

    // ---------------------------------------------------------------- section 3: stockpile and budget

    private record Stockpile(Indicators ind, int targetDays, double acquireTonnes, Double estimatedCostUsd,
                             String priority) {
    }

    private List<Expected> stockpiles(List<Indicators> indicators) {
        List<Stockpile> triggered = new ArrayList<>();
        for (Indicators ind : indicators) {
            if (!ind.has(IMPORT_RELIANT) || ind.aggravating() < 1) {
                continue;
            }
            boolean exposedAndDefence = ind.has(EXPORT_CONTROL_EXPOSED) && ind.has(DEFENCE_CRITICAL);
            int targetDays;
            if (exposedAndDefence) {
                targetDays = 180;
            } else if (ind.has(DEFENCE_CRITICAL) || ind.aggravating() >= 2) {
                targetDays = 100;
            } else {
                targetDays = 60;
            }
            if (!(ind.stockDays() < targetDays)) {
                continue;
            }
            double acquireTonnes = (targetDays - ind.stockDays()) / 365 * ind.demand();
            Double price = facts.minerals().get(ind.mineral()).priceUsdPerTonne();
            Double cost = price == null ? null : acquireTonnes * price;
            String priority;
            if (exposedAndDefence || ind.stockDays() < 30) {
                priority = "HIGH";
            } else if (ind.aggravating() >= 2) {
                priority = "MEDIUM";
            } else {
                priority = "LOW";
            }
            triggered.add(new Stockpile(ind, targetDays, acquireTonnes, cost, priority));
        }

        // STK-BUDGET
        Map<String, Double> funded = new LinkedHashMap<>();
        Map<String, String> funding = new LinkedHashMap<>();
        Double budget = profile.stockpileBudgetUsd();
        if (budget != null) {
            List<Stockpile> priced = new ArrayList<>(triggered.stream().filter(s -> s.estimatedCostUsd() != null).toList());
            priced.sort(Comparator.comparingInt((Stockpile s) -> PRIORITIES.indexOf(s.priority()))
                    .thenComparing(Comparator.comparingInt((Stockpile s) -> s.ind().aggravating()).reversed())
                    .thenComparing(Comparator.comparingDouble((Stockpile s) -> s.ind().exportControlShare()).reversed())
                    .thenComparing(s -> s.ind().mineral(), BY_ID));
            double left = budget;
            for (Stockpile s : priced) {
                double cost = s.estimatedCostUsd();
                double f = Math.min(cost, left);
                left = left - f;
                String status;
                if (f == cost) {
                    status = "FULL";
                } else if (0 < f && f < cost) {
                    status = "PARTIAL";
                } else {
                    status = "UNFUNDED";
                }
                funded.put(s.ind().mineral(), f);
                funding.put(s.ind().mineral(), status);
            }
            for (Stockpile s : triggered) {
                if (s.estimatedCostUsd() == null) {
                    funded.put(s.ind().mineral(), null);
                    funding.put(s.ind().mineral(), "UNPRICED");
                }
            }
        }

        List<Expected> result = new ArrayList<>();
        for (Stockpile s : triggered) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("currentDays", s.ind().stockDays());
            details.put("targetDays", s.targetDays());
            details.put("acquireTonnes", s.acquireTonnes());
            details.put("estimatedCostUsd", s.estimatedCostUsd());
            details.put("fundedUsd", funded.get(s.ind().mineral()));
            details.put("funding", funding.get(s.ind().mineral()));
            details.put("factors", s.ind().factors());
            result.add(new Expected("STOCKPILE", s.ind().mineral(), s.priority(), "STK-TRIGGER", details));
        }
        return result;
    }

    // ---------------------------------------------------------------- section 4: diversification

    private List<Expected> diversifications(List<Indicators> indicators) {
        List<Expected> result = new ArrayList<>();
        for (Indicators ind : indicators) {
            if (!ind.has(CONCENTRATED_SOURCING)) {
                continue;
            }
            Set<String> producers = new TreeSet<>(BY_ID);
            for (Production row : facts.production()) {
                if (row.mineral().equals(ind.mineral())) {
                    producers.add(row.country());
                }
            }
            List<String> candidates = new ArrayList<>();
            for (String c : producers) {
                if (hasProductionRow(c, ind.mineral()) && worldShare(c, ind.mineral()) >= 0.05
                        && aligned(c, country) && !c.equals(country) && !c.equals(ind.topSource())
                        && !controls(c, ind.mineral())) {
                    candidates.add(c);
                }
            }
            candidates.sort(Comparator.comparingDouble((String c) -> worldShare(c, ind.mineral())).reversed()
                    .thenComparing(BY_ID));
            List<String> partners = List.copyOf(candidates.subList(0, Math.min(3, candidates.size())));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("partners", partners);
            details.put("topSource", ind.topSource());
            details.put("topSourceShare", ind.topSourceShare());
            result.add(new Expected("DIVERSIFY", ind.mineral(), ind.has(EXPORT_CONTROL_EXPOSED) ? "HIGH" : "MEDIUM",
                    "DIV-PARTNERS", details));
        }
        return result;
    }

    // ---------------------------------------------------------------- section 5: coalitions

    private List<Expected> coalitions(List<Indicators> indicators) {
        List<Expected> result = new ArrayList<>();
        CountryProfile.CapabilitiesInput caps = profile.capabilities();
        if (exists(PAX_SILICA)) {
            Map<String, Boolean> criteria = new LinkedHashMap<>();
            boolean capability = caps.semiconductorFabrication() || caps.semiconductorAssemblyTest() || caps.chipDesign();
            for (Mineral m : facts.minerals().values()) {
                if (m.semiconductorInput() && hasProductionRow(country, m.id()) && worldShare(country, m.id()) >= 0.05) {
                    capability = true;
                }
            }
            criteria.put("PS-CAPABILITY", capability);
            criteria.put("PS-EXPORT-CONTROLS", "ALIGNED".equals(caps.exportControlRegime()));
            criteria.put("PS-INVESTMENT-SCREENING", caps.investmentScreening());
            boolean trusted = false;
            for (String k : coalitionIds()) {
                if (k.equals(PAX_SILICA) || !memberOn(k, country)) {
                    continue;
                }
                for (String other : candidatesOf(k)) {
                    if (!other.equals(country) && memberOn(k, other) && memberOn(PAX_SILICA, other)) {
                        trusted = true;
                    }
                }
            }
            criteria.put("PS-TRUSTED-PARTNER", trusted);
            result.add(coalition(PAX_SILICA, criteria));
        }
        // The MSP's three tests; FORGE is judged on the same tests under its own ids (section 8).
        for (String k : List.of(MSP, FORGE)) {
            if (!exists(k)) {
                continue;
            }
            Map<String, Boolean> criteria = new LinkedHashMap<>();
            criteria.put(k + "-ESG", caps.esgStandards());
            boolean stake = false;
            for (Production row : facts.production()) {
                if (row.country().equals(country) && worldShare(country, row.mineral()) >= 0.01) {
                    stake = true;
                }
            }
            long reliant = indicators.stream().filter(ind -> ind.has(IMPORT_RELIANT)).count();
            criteria.put(k + "-STAKE", stake || reliant >= 3);
            criteria.put(k + "-INVESTMENT-SCREENING", caps.investmentScreening());
            result.add(coalition(k, criteria));
        }
        return result;
    }

    /** Countries that may be members of coalition k: its fact-base rows, their blocs' members, and the profile's country. */
    private Set<String> candidatesOf(String k) {
        Set<String> who = new LinkedHashSet<>();
        for (CoalitionMember row : facts.members()) {
            if (row.coalition().equals(k)) {
                who.add(row.country());
                for (Country c : facts.countries().values()) {
                    if (c.partOf().contains(row.country())) {
                        who.add(c.iso3());
                    }
                }
            }
        }
        who.add(country);
        return who;
    }

    private Expected coalition(String id, Map<String, Boolean> criteria) {
        List<String> met = new ArrayList<>();
        List<String> unmet = new ArrayList<>();
        criteria.forEach((criterion, ok) -> (ok ? met : unmet).add(criterion));
        String status;
        String priority;
        if (memberOn(id, country)) {
            status = "MEMBER";
            priority = "INFO";
        } else if (unmet.isEmpty()) {
            status = "ELIGIBLE";
            priority = "HIGH";
        } else {
            status = "NOT_YET_ELIGIBLE";
            priority = unmet.size() == 1 ? "MEDIUM" : "LOW";
        }
        Map<String, Object> gaps = new LinkedHashMap<>();
        // The sentences are the pack's wording: the oracle knows only the keys.
        unmet.forEach(criterion -> gaps.put(criterion, null));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", status);
        details.put("met", List.copyOf(met));
        details.put("unmet", List.copyOf(unmet));
        details.put("gaps", gaps);
        return new Expected("COALITION", id, priority, "COA-STATUS", details);
    }

    // ---------------------------------------------------------------- section 6: corridors

    private record Corridor(String id, double resource, double capacity, double portKm, boolean power,
                            boolean magnet, String clearance) {
    }

    private List<Expected> corridors() {
        Map<String, Corridor> candidates = new LinkedHashMap<>();
        for (CorridorRow row : facts.corridors()) {
            if (row.country().equals(country)) {
                candidates.put(row.id(), new Corridor(row.id(), row.resourceTonnesReo(), row.separationCapacityTpa(),
                        row.portDistanceKm(), row.powerAvailable(), row.magnetPlantLinked(), row.clearance().name()));
            }
        }
        for (CountryProfile.CorridorInput c : profile.corridors()) {
            candidates.put(c.id(), new Corridor(c.id(), c.resourceTonnesReo(), c.separationCapacityTpa(),
                    c.portDistanceKm(), c.powerAvailable(), c.magnetPlantLinked(), c.clearance()));
        }

        List<Expected> result = new ArrayList<>();
        record Scored(Corridor corridor, int score, Map<String, Object> contributions) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Corridor c : candidates.values()) {
            boolean refused = Clearance.REFUSED.name().equals(c.clearance());
            boolean noResource = c.resource() == 0;
            if (refused || noResource) {
                String reason = refused && noResource ? "CLEARANCE_REFUSED;NO_RESOURCE"
                        : refused ? "CLEARANCE_REFUSED" : "NO_RESOURCE";
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("status", "EXCLUDED");
                details.put("rank", null);
                details.put("score", null);
                details.put("tier", null);
                details.put("contributions", new LinkedHashMap<String, Object>());
                details.put("reason", reason);
                result.add(new Expected("CORRIDOR", c.id(), "INFO", "COR-GATE", details));
                continue;
            }
            Map<String, Object> contributions = new LinkedHashMap<>();
            int resource = c.resource() >= 1_000_000 ? 30 : c.resource() >= 100_000 ? 20 : 10;
            int processing = c.capacity() >= 5_000 ? 25 : c.capacity() >= 1_000 ? 15 : c.capacity() > 0 ? 5 : 0;
            int downstream = c.magnet() ? 15 : 0;
            int logistics = c.portKm() <= 50 ? 15 : c.portKm() <= 150 ? 10 : c.portKm() <= 300 ? 5 : 0;
            int power = c.power() ? 10 : 0;
            int clearance = switch (c.clearance()) {
                case "GRANTED" -> 5;
                case "PENDING" -> -10;
                default -> 0;
            };
            int score = 0;
            String[] ids = {"COR-RESOURCE", "COR-PROCESSING", "COR-DOWNSTREAM", "COR-LOGISTICS", "COR-POWER",
                    "COR-CLEARANCE"};
            int[] points = {resource, processing, downstream, logistics, power, clearance};
            for (int k = 0; k < ids.length; k++) {
                score += points[k];
                if (points[k] != 0) {
                    contributions.put(ids[k], points[k]);
                }
            }
            scored.add(new Scored(c, score, contributions));
        }
        scored.sort(Comparator.comparingInt((Scored s) -> s.score()).reversed()
                .thenComparing(s -> s.corridor().id(), BY_ID));
        int rank = 0;
        for (Scored s : scored) {
            rank++;
            String tier = s.score() >= 70 ? "TIER_1" : s.score() >= 40 ? "TIER_2" : "TIER_3";
            String priority = switch (tier) {
                case "TIER_1" -> "HIGH";
                case "TIER_2" -> "MEDIUM";
                default -> "LOW";
            };
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", "RANKED");
            details.put("rank", rank);
            details.put("score", s.score());
            details.put("tier", tier);
            details.put("contributions", s.contributions());
            result.add(new Expected("CORRIDOR", s.corridor().id(), priority, "COR-RANK", details));
        }
        return result;
    }
}
