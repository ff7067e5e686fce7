package org.mineralsadvisor.model;

/** A fact that a rule produces to become one recommendation of the advice. */
public interface Advisable {
    RecommendationType type();

    /** The mineral, coalition or corridor id the recommendation is about. */
    String subject();

    Priority priority();

    /** The type's details as the data contract lists them. */
    Details details();
}
