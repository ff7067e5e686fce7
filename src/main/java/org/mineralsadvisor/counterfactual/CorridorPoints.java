package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.facts.Clearance;
import org.mineralsadvisor.model.Corridor;
import org.mineralsadvisor.model.Tier;

/**
 * Handbook section 6's points and tiers with the rule set's parameters, as corridors.drl
 * computes them. Null (from {@link #of}) where the catalogue lacks one of them.
 */
record CorridorPoints(double resourceLarge, double resourceLargePoints, double resourceMedium,
                      double resourceMediumPoints, double resourceSmallPoints,
                      double processingLarge, double processingLargePoints, double processingMedium,
                      double processingMediumPoints, double processingSmallPoints,
                      double downstream, double logisticsNear, double logisticsNearPoints, double logisticsMid,
                      double logisticsMidPoints, double logisticsMax, double logisticsFarPoints, double power,
                      double granted, double pending, double tier1, double tier2) {

    static CorridorPoints of(Parameters p) {
        double[] r = p.all("COR-RESOURCE", "large_tonnes", "large_points", "medium_tonnes", "medium_points",
                "small_points");
        double[] s = p.all("COR-PROCESSING", "large_tpa", "large_points", "medium_tpa", "medium_points", "small_points");
        Double d = p.get("COR-DOWNSTREAM", "points");
        double[] l = p.all("COR-LOGISTICS", "near_km", "near_points", "mid_km", "mid_points", "max_km", "far_points");
        Double w = p.get("COR-POWER", "points");
        double[] k = p.all("COR-CLEARANCE", "granted_points", "pending_points");
        double[] t = p.all("COR-RANK", "tier_1_min_score", "tier_2_min_score");
        if (r == null || s == null || d == null || l == null || w == null || k == null || t == null) {
            return null;
        }
        return new CorridorPoints(r[0], r[1], r[2], r[3], r[4], s[0], s[1], s[2], s[3], s[4], d,
                l[0], l[1], l[2], l[3], l[4], l[5], w, k[0], k[1], t[0], t[1]);
    }

    double resource(double tonnes) {
        return tonnes >= resourceLarge ? resourceLargePoints
                : tonnes >= resourceMedium ? resourceMediumPoints : resourceSmallPoints;
    }

    double processing(double tpa) {
        if (!(tpa > 0)) {
            return 0;
        }
        return tpa >= processingLarge ? processingLargePoints
                : tpa >= processingMedium ? processingMediumPoints : processingSmallPoints;
    }

    double logistics(double km) {
        if (!(km <= logisticsMax)) {
            return 0;
        }
        return km <= logisticsNear ? logisticsNearPoints : km <= logisticsMid ? logisticsMidPoints : logisticsFarPoints;
    }

    double clearance(Clearance clearance) {
        return switch (clearance) {
            case GRANTED -> granted;
            case PENDING -> pending;
            case REFUSED -> 0;
        };
    }

    /** The score of a corridor that passes the gates. */
    double score(Corridor k) {
        return resource(k.resourceTonnesReo()) + processing(k.separationCapacityTpa())
                + (k.magnetPlantLinked() ? downstream : 0) + logistics(k.portDistanceKm())
                + (k.powerAvailable() ? power : 0) + clearance(k.clearance());
    }

    Tier tier(double score) {
        return score >= tier1 ? Tier.TIER_1 : score >= tier2 ? Tier.TIER_2 : Tier.TIER_3;
    }
}
