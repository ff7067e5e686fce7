package org.mineralsadvisor.evaluation;

/**
 * The name by which the shipped DRL functions call {@link org.mineralsadvisor.model.Ids#compare}.
 * It stays so that the rules' text, and with it the rule-set version every stored advice cites,
 * is unchanged; a DRL edit that touches those functions should call the model's class and drop this one.
 */
public final class Ids {
    private Ids() {
    }

    public static int compare(String a, String b) {
        return org.mineralsadvisor.model.Ids.compare(a, b);
    }
}
