package org.mineralsadvisor.model;

import java.util.Map;

/** A fact that a rule produces to become one recommendation of the advice. */
public interface Advisable {
    /** STOCKPILE, DIVERSIFY, COALITION or CORRIDOR. */
    String type();

    /** The mineral, coalition or corridor id the recommendation is about. */
    String subject();

    Priority priority();

    /** The type's details as the data contract lists them, in that order. */
    Map<String, Object> details();
}
