package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.model.CoalitionStatus;
import org.mineralsadvisor.model.Factor;
import org.mineralsadvisor.model.Ids;
import org.mineralsadvisor.model.Member;
import org.mineralsadvisor.model.MineralIndicators;
import org.mineralsadvisor.model.Priority;
import org.mineralsadvisor.profile.CountryProfile.CapabilitiesInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

/**
 * COALITION (handbook section 5). ELIGIBLE: declaring membership makes it MEMBER. NOT_YET_ELIGIBLE
 * with one unmet criterion: the profile change that meets it makes it ELIGIBLE; with two, meeting
 * either leaves one unmet, which raises the priority from LOW to MEDIUM; with three or more, no
 * single change moves status or priority, so nothing is said. A criterion that no single profile
 * change meets (a world share in the fact base, a coalition whose other members include no Pax
 * Silica member) gets no item rather than a false one.
 */
final class CoalitionChanges {
    private static final String PAX_SILICA = "PAX_SILICA";

    private final Counterfactuals c;

    CoalitionChanges(Counterfactuals c) {
        this.c = c;
    }

    /** One way to meet a criterion: what changes and how the sentence starts. */
    private record Meeting(String policyId, Double threshold, String pointer, Object from, Object to, String lead) {
    }

    List<Change> of(CoalitionStatus status) {
        String coalition = status.coalition();
        List<Change> changes = new ArrayList<>();
        switch (status.status()) {
            case MEMBER -> {
            }
            case ELIGIBLE -> changes.add(new Change(Effect.STATUS, "COA-STATUS", null,
                    Counterfactuals.profileTarget(c.nextMembership()), null, null, coalition,
                    "Declaring membership of " + coalition + " (adding it to memberships) makes the status MEMBER "
                            + "(priority " + Priority.INFO + ")."));
            case NOT_YET_ELIGIBLE -> {
                List<String> unmet = status.unmet();
                if (unmet.size() > 2) {
                    break;
                }
                for (String criterion : unmet) {
                    Meeting meeting = meeting(coalition, criterion);
                    if (meeting == null) {
                        continue;
                    }
                    String result;
                    Effect effect;
                    if (unmet.size() == 1) {
                        effect = Effect.STATUS;
                        result = ", the only unmet criterion: " + coalition + " becomes ELIGIBLE (priority "
                                + Priority.HIGH + ").";
                    } else {
                        effect = Effect.PRIORITY;
                        String other = unmet.get(0).equals(criterion) ? unmet.get(1) : unmet.get(0);
                        result = "; with " + other + " the only criterion left unmet, the priority changes from "
                                + status.priority() + " to " + Priority.MEDIUM + " (still NOT_YET_ELIGIBLE).";
                    }
                    String policy = "COA-STATUS".equals(meeting.policyId()) && c.parameters.isPolicy(criterion)
                            ? criterion : meeting.policyId();
                    changes.add(new Change(effect, policy, meeting.threshold(),
                            Counterfactuals.profileTarget(meeting.pointer()), null, meeting.from(), meeting.to(),
                            meeting.lead() + " meets " + criterion + result));
                }
            }
        }
        return changes;
    }

    /** The single profile change that meets {@code criterion}; null where the pack knows none. */
    private Meeting meeting(String coalition, String criterion) {
        CapabilitiesInput caps = c.profile.capabilities();
        if (criterion.endsWith("-CAPABILITY")) {
            return new Meeting("COA-STATUS", null, "/capabilities/semiconductorFabrication",
                    caps.semiconductorFabrication(), true,
                    "Setting capabilities.semiconductorFabrication to true (or semiconductorAssemblyTest or chipDesign)");
        }
        if (criterion.endsWith("-EXPORT-CONTROLS")) {
            return new Meeting("COA-STATUS", null, "/capabilities/exportControlRegime", caps.exportControlRegime(),
                    "ALIGNED", "Setting capabilities.exportControlRegime to ALIGNED (now "
                    + caps.exportControlRegime() + ")");
        }
        if (criterion.endsWith("-INVESTMENT-SCREENING")) {
            return new Meeting("COA-STATUS", null, "/capabilities/investmentScreening", caps.investmentScreening(),
                    true, "Setting capabilities.investmentScreening to true");
        }
        if (criterion.endsWith("-ESG")) {
            return new Meeting("COA-STATUS", null, "/capabilities/esgStandards", caps.esgStandards(), true,
                    "Setting capabilities.esgStandards to true");
        }
        if (criterion.endsWith("-TRUSTED-PARTNER") && coalition.equals(PAX_SILICA)) {
            return trustedPartner();
        }
        if (criterion.endsWith("-STAKE")) {
            return stakeByReliance(criterion);
        }
        return null;
    }

    /** PS-TRUSTED-PARTNER: join the first coalition (by id) that has another member who is a Pax Silica member. */
    private Meeting trustedPartner() {
        String home = c.profile.country();
        Set<String> pax = new TreeSet<>(Ids.ORDER);
        Set<String> mine = new TreeSet<>(Ids.ORDER);
        for (Member member : c.members) {
            if (member.coalition().equals(PAX_SILICA)) {
                pax.add(member.country());
            }
            if (member.country().equals(home)) {
                mine.add(member.coalition());
            }
        }
        TreeMap<String, String> peers = new TreeMap<>(Ids.ORDER);
        for (Member member : c.members) {
            String k = member.coalition();
            if (!k.equals(PAX_SILICA) && !mine.contains(k) && !member.country().equals(home)
                    && pax.contains(member.country())) {
                peers.merge(k, member.country(), (a, b) -> Ids.compare(a, b) <= 0 ? a : b);
            }
        }
        if (peers.isEmpty()) {
            return null;
        }
        String k = peers.firstKey();
        return new Meeting("COA-STATUS", null, c.nextMembership(), null, k, "Joining " + k
                + " (adding it to memberships), of which the Pax Silica member " + peers.get(k) + " is a member,");
    }

    /**
     * MSP-STAKE (and a successor's stake criterion) through import reliance: where one more
     * import-reliant mineral would reach the count, the smallest production cut that makes one so.
     */
    private Meeting stakeByReliance(String criterion) {
        // FORGE-STAKE is a policy of its own with its own count (handbook section 8); MSP-STAKE's is COA-STATUS's.
        Double needed = criterion.equals("FORGE-STAKE") ? c.parameters.get("FORGE-STAKE", "reliant_minerals")
                : c.parameters.get("COA-STATUS", "msp_stake_reliant_minerals");
        Double line = c.parameters.get("STK-RELIANCE", "threshold");
        if (needed == null || line == null || c.reliantMinerals + 1 < needed || c.reliantMinerals >= needed) {
            return null;
        }
        MineralTrial best = null;
        double bestTo = Double.NaN;
        for (MineralTrial m : c.minerals.values()) {
            if (m.fired.contains(Factor.IMPORT_RELIANT)) {
                continue;
            }
            double production = m.input.domesticProductionTonnes();
            DoublePredicate reliant = p -> m.relianceWith(p) >= line;
            double to = Boundary.largest(0, production, reliant);
            if (Double.isNaN(to) || to >= production) {
                continue;
            }
            MineralIndicators after = m.indicatorsFor(c.profile, c.facts, m.withProduction(to));
            if (!(after.importReliance() >= line)) {
                continue;
            }
            if (best == null || production - to < best.input.domesticProductionTonnes() - bestTo) {
                best = m;
                bestTo = to;
            }
        }
        if (best == null) {
            return null;
        }
        MineralTrial m = best;
        double to = bestTo;
        DoublePredicate reliant = p -> m.relianceWith(p) >= line;
        return new Meeting("STK-RELIANCE", line, m.pointer("domesticProductionTonnes"),
                m.input.domesticProductionTonnes(), to, "Domestic production of " + m.mineral() + " of at most "
                + Display.bound(to, false, reliant) + " t a year (now " + Display.num(m.input.domesticProductionTonnes())
                + " t) makes it import-reliant (≥ " + Display.pct(line) + "), bringing the import-reliant minerals to "
                + Display.param(needed) + ", which");
    }
}
