package org.mineralsadvisor.service;

import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;

/** The active rule set and fact base, with the profile parser that validates against that fact base. */
public record Knowledge(RuleSet rules, FactBase facts, ProfileParser parser) {

    public static Knowledge of(RuleSet rules, FactBase facts) {
        return new Knowledge(rules, facts, new ProfileParser(facts));
    }
}
