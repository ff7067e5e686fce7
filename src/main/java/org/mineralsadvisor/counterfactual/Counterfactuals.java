package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.model.Advisable;
import org.mineralsadvisor.model.Aligned;
import org.mineralsadvisor.model.CoalitionStatus;
import org.mineralsadvisor.model.ControlInForce;
import org.mineralsadvisor.model.Corridor;
import org.mineralsadvisor.model.CorridorExclusion;
import org.mineralsadvisor.model.CorridorRanking;
import org.mineralsadvisor.model.Diversification;
import org.mineralsadvisor.model.Factor;
import org.mineralsadvisor.model.Member;
import org.mineralsadvisor.model.MineralIndicators;
import org.mineralsadvisor.model.RiskFactor;
import org.mineralsadvisor.model.StockpileNeed;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.rules.PolicyCatalogue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "What would change this": for each recommendation, the smallest single changes to the profile
 * or the fact base that would end or move it, and per mineral the risk factors that nearly fired.
 *
 * <p>Computed from what one evaluation started from (indicators, corridors, memberships) and
 * produced (risk factors, recommendations), with the rule set's policy parameters and the
 * default pack's conditions (handbook sections 2–6); never by evaluating again. A rule set whose
 * catalogue lacks a parameter gets no counterfactual that needs it.
 */
public final class Counterfactuals {
    final CountryProfile profile;
    final FactBase facts;
    final Parameters parameters;
    /** Null where the catalogue lacks a section-2 or section-3 parameter. */
    final PackRules pack;
    final Map<String, MineralTrial> minerals = new LinkedHashMap<>();
    final List<Member> members = new ArrayList<>();
    final Map<String, Aligned> aligned = new HashMap<>();
    final Map<String, Corridor> corridors = new HashMap<>();
    final List<CorridorRanking> rankings = new ArrayList<>();
    int reliantMinerals;

    private Counterfactuals(CountryProfile profile, FactBase facts, PolicyCatalogue catalogue) {
        this.profile = profile;
        this.facts = facts;
        this.parameters = new Parameters(catalogue);
        this.pack = PackRules.of(parameters);
    }

    /**
     * @param situation the facts the evaluation started from
     * @param produced  the facts its rules produced
     */
    public static Counterfactuals of(CountryProfile profile, FactBase facts, PolicyCatalogue catalogue,
                                     List<Object> situation, List<Object> produced) {
        Counterfactuals c = new Counterfactuals(profile, facts, catalogue);
        Map<String, MineralIndicators> indicators = new HashMap<>();
        Map<String, Set<String>> controllers = new HashMap<>();
        for (Object fact : situation) {
            if (fact instanceof MineralIndicators i) {
                indicators.put(i.mineral(), i);
            } else if (fact instanceof ControlInForce control) {
                controllers.computeIfAbsent(control.mineral(), k -> new HashSet<>()).add(control.imposedBy());
            } else if (fact instanceof Member member) {
                c.members.add(member);
            } else if (fact instanceof Aligned a) {
                c.aligned.put(a.country(), a);
            } else if (fact instanceof Corridor corridor) {
                c.corridors.put(corridor.id(), corridor);
            }
        }
        Map<String, Set<Factor>> fired = new HashMap<>();
        for (Object fact : produced) {
            if (fact instanceof RiskFactor f) {
                fired.computeIfAbsent(f.mineral(), k -> EnumSet.noneOf(Factor.class)).add(f.factor());
                if (f.factor() == Factor.IMPORT_RELIANT) {
                    c.reliantMinerals++;
                }
            } else if (fact instanceof CorridorRanking ranking) {
                c.rankings.add(ranking);
            }
        }
        for (int i = 0; i < profile.minerals().size(); i++) {
            CountryProfile.MineralInput input = profile.minerals().get(i);
            MineralIndicators now = indicators.get(input.mineral());
            if (now != null) {
                c.minerals.put(input.mineral(), new MineralTrial(i, input, now,
                        fired.getOrDefault(input.mineral(), EnumSet.noneOf(Factor.class)),
                        controllers.getOrDefault(input.mineral(), Set.of())));
            }
        }
        return c;
    }

    /** The recommendation's {@code whatWouldChange}, in a fixed order; empty where nothing single would move it. */
    public List<Change> of(Advisable advisable) {
        List<Change> changes;
        if (advisable instanceof StockpileNeed need) {
            changes = new StockpileChanges(this).of(need);
        } else if (advisable instanceof Diversification diversification) {
            changes = new DiversifyChanges(this).of(diversification);
        } else if (advisable instanceof CoalitionStatus status) {
            changes = new CoalitionChanges(this).of(status);
        } else if (advisable instanceof CorridorRanking ranking) {
            changes = new CorridorChanges(this).ranked(ranking);
        } else if (advisable instanceof CorridorExclusion exclusion) {
            changes = new CorridorChanges(this).excluded(exclusion);
        } else {
            changes = List.of();
        }
        return List.copyOf(changes);
    }

    /** The advice's {@code nearMisses}: per profile mineral, in the profile's order, then section 2's. */
    public List<NearMiss> nearMisses() {
        return new NearMisses(this).all();
    }

    /** The pointer at which a coalition would be added to the profile's memberships. */
    String nextMembership() {
        return "/memberships/" + profile.memberships().size();
    }

    static String profileTarget(String pointer) {
        return org.mineralsadvisor.trace.EvidenceIds.PROFILE_PREFIX + pointer;
    }
}
