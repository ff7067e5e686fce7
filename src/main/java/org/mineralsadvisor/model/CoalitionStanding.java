package org.mineralsadvisor.model;

/** The profile country's standing towards one coalition (COA-STATUS). */
public enum CoalitionStanding { MEMBER, ELIGIBLE, NOT_YET_ELIGIBLE }
