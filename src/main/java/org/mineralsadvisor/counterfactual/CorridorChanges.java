package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.facts.Clearance;
import org.mineralsadvisor.model.Corridor;
import org.mineralsadvisor.model.CorridorExclusion;
import org.mineralsadvisor.model.CorridorRanking;
import org.mineralsadvisor.model.Ids;
import org.mineralsadvisor.model.Tier;
import org.mineralsadvisor.provenance.ProfileValue;
import org.mineralsadvisor.trace.EvidenceIds;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CORRIDOR (handbook section 6). A ranked corridor: per scoring field, the nearest raise that
 * reaches the next tier and the nearest that passes the corridor ranked just above (higher score
 * first, ties by id), each with the score, tier and rank it gives. An excluded corridor with one
 * gate reason: the change that lifts it (clearance REFUSED → PENDING, or a resource above 0 t);
 * with both reasons no single change does, and nothing is said.
 */
final class CorridorChanges {
    private final Counterfactuals c;
    private final CorridorPoints points;

    CorridorChanges(Counterfactuals c) {
        this.c = c;
        this.points = CorridorPoints.of(c.parameters);
    }

    /** One single-field change and the points it adds. */
    private record Option(int order, String policyId, String field, Object from, Object to, Double threshold,
                          double gain, String words) {
    }

    List<Change> ranked(CorridorRanking ranking) {
        Corridor corridor = c.corridors.get(ranking.corridor());
        if (points == null || corridor == null || points.score(corridor) != ranking.score()) {
            return List.of();
        }
        int score = ranking.score();
        Double nextTier = switch (ranking.tier()) {
            case TIER_1 -> null;
            case TIER_2 -> points.tier1();
            case TIER_3 -> points.tier2();
        };
        CorridorRanking above = null;
        for (CorridorRanking other : c.rankings) {
            if (other.rank() == ranking.rank() - 1) {
                above = other;
            }
        }
        Double forRank = above == null ? null
                : (double) (above.score() - score + (Ids.compare(ranking.corridor(), above.corridor()) < 0 ? 0 : 1));
        Set<Option> chosen = new LinkedHashSet<>();
        List<List<Option>> byField = options(corridor);
        for (Double needed : new Double[]{nextTier == null ? null : nextTier - score, forRank}) {
            if (needed == null) {
                continue;
            }
            for (List<Option> field : byField) {
                for (Option option : field) {
                    if (option.gain() >= needed) {
                        chosen.add(option);
                        break;
                    }
                }
            }
        }
        List<Option> ordered = new ArrayList<>(chosen);
        ordered.sort(java.util.Comparator.comparingInt(Option::order));
        List<Change> changes = new ArrayList<>();
        for (Option option : ordered) {
            double after = score + option.gain();
            Tier tier = points.tier(after);
            int rank = rankFor(ranking.corridor(), after);
            Effect effect = tier.compareTo(ranking.tier()) < 0 ? Effect.TIER : Effect.RANK;
            if (effect == Effect.RANK && rank >= ranking.rank()) {
                continue;
            }
            changes.add(change(corridor, option, effect, option.words() + " adds " + Display.param(option.gain())
                    + " points (" + option.policyId() + "): a score of " + Display.param(after) + ", " + tier
                    + ", rank " + rank + " (now " + Display.param(score) + ", " + ranking.tier() + ", rank "
                    + ranking.rank() + ")."));
        }
        return changes;
    }

    List<Change> excluded(CorridorExclusion exclusion) {
        Corridor corridor = c.corridors.get(exclusion.corridor());
        if (points == null || corridor == null) {
            return List.of();
        }
        boolean refused = corridor.clearance() == Clearance.REFUSED;
        boolean empty = corridor.resourceTonnesReo() == 0;
        Option option;
        Corridor lifted;
        if (refused && !empty) {
            option = new Option(5, "COR-GATE", "clearance", Clearance.REFUSED.name(), Clearance.PENDING.name(), null,
                    0, "Clearance PENDING instead of REFUSED (an application under review again)");
            lifted = with(corridor, corridor.resourceTonnesReo(), Clearance.PENDING);
        } else if (empty && !refused) {
            option = new Option(0, "COR-GATE", "resourceTonnesReo", 0.0, 1.0, null, 0,
                    "A resource above 0 t REO (1 t, say)");
            lifted = with(corridor, 1.0, corridor.clearance());
        } else {
            return List.of();
        }
        double score = points.score(lifted);
        return List.of(change(corridor, option, Effect.STATUS, option.words() + " lifts the gate: the corridor is "
                + "RANKED with a score of " + Display.param(score) + ", " + points.tier(score) + ", rank "
                + rankFor(corridor.id(), score) + "."));
    }

    private static Corridor with(Corridor c, double resource, Clearance clearance) {
        return new Corridor(c.id(), c.country(), c.name(), c.region(), resource, c.separationCapacityTpa(),
                c.portDistanceKm(), c.powerAvailable(), c.magnetPlantLinked(), clearance, c.basis());
    }

    /** The rank a corridor would take with {@code score}, the others' ranks as they are. */
    private int rankFor(String id, double score) {
        int rank = 1;
        for (CorridorRanking other : c.rankings) {
            if (!other.corridor().equals(id)
                    && (other.score() > score || (other.score() == score && Ids.compare(other.corridor(), id) < 0))) {
                rank++;
            }
        }
        return rank;
    }

    /** Per scoring field, in the handbook table's order, the raises that add points, nearest first. */
    private List<List<Option>> options(Corridor k) {
        CorridorPoints p = points;
        List<List<Option>> all = new ArrayList<>();
        double resource = k.resourceTonnesReo();
        List<Option> field = new ArrayList<>();
        for (double level : new double[]{p.resourceMedium(), p.resourceLarge()}) {
            double gain = p.resource(level) - p.resource(resource);
            if (resource < level && gain > 0) {
                field.add(new Option(0, "COR-RESOURCE", "resourceTonnesReo", resource, level, level, gain,
                        "Raising the resource from " + Display.num(resource) + " to " + Display.param(level) + " t REO"));
            }
        }
        all.add(field);
        double capacity = k.separationCapacityTpa();
        field = new ArrayList<>();
        if (!(capacity > 0) && p.processing(1.0) > 0) {
            // The first band is "any capacity above 0": the nearest raise is just that, worded as the gate's is.
            field.add(new Option(1, "COR-PROCESSING", "separationCapacityTpa", capacity, 1.0, null, p.processing(1.0),
                    "Raising the separation capacity from " + Display.num(capacity) + " to above 0 t a year (1 t, say)"));
        }
        for (double level : new double[]{p.processingMedium(), p.processingLarge()}) {
            double gain = p.processing(level) - p.processing(capacity);
            if (capacity < level && gain > 0) {
                field.add(new Option(1, "COR-PROCESSING", "separationCapacityTpa", capacity, level, level, gain,
                        "Raising the separation capacity from " + Display.num(capacity) + " to "
                                + Display.param(level) + " t a year"));
            }
        }
        all.add(field);
        if (!k.magnetPlantLinked() && p.downstream() > 0) {
            all.add(List.of(new Option(2, "COR-DOWNSTREAM", "magnetPlantLinked", false, true, null, p.downstream(),
                    "Linking a magnet plant (magnetPlantLinked true)")));
        }
        double km = k.portDistanceKm();
        field = new ArrayList<>();
        for (double level : new double[]{p.logisticsMax(), p.logisticsMid(), p.logisticsNear()}) {
            double gain = p.logistics(level) - p.logistics(km);
            if (km > level && gain > 0) {
                field.add(new Option(3, "COR-LOGISTICS", "portDistanceKm", km, level, level, gain,
                        "Bringing the port distance from " + Display.num(km) + " km to " + Display.param(level) + " km"));
            }
        }
        all.add(field);
        if (!k.powerAvailable() && p.power() > 0) {
            all.add(List.of(new Option(4, "COR-POWER", "powerAvailable", false, true, null, p.power(),
                    "Making power available (powerAvailable true)")));
        }
        if (k.clearance() == Clearance.PENDING && p.clearance(Clearance.GRANTED) > p.clearance(Clearance.PENDING)) {
            all.add(List.of(new Option(5, "COR-CLEARANCE", "clearance", Clearance.PENDING.name(),
                    Clearance.GRANTED.name(), null, p.clearance(Clearance.GRANTED) - p.clearance(Clearance.PENDING),
                    "Clearance GRANTED instead of PENDING")));
        }
        return all;
    }

    private static final Map<String, String> COLUMNS = Map.of(
            "resourceTonnesReo", "resource_tonnes_reo",
            "separationCapacityTpa", "separation_capacity_tpa",
            "portDistanceKm", "port_distance_km",
            "powerAvailable", "power_available",
            "magnetPlantLinked", "magnet_plant_linked",
            "clearance", "clearance");

    /** The change at the corridor's own evidence for the field: a profile pointer, or a corridors.csv row and column. */
    private static Change change(Corridor corridor, Option option, Effect effect, String text) {
        List<Object> basis = corridor.basis().get(option.field());
        Object evidence = basis == null || basis.isEmpty() ? null : basis.get(0);
        String target = evidence == null ? null : EvidenceIds.of(evidence);
        String column = evidence instanceof ProfileValue ? null : COLUMNS.get(option.field());
        return new Change(effect, option.policyId(), option.threshold(), target, column, option.from(), option.to(),
                text);
    }
}
