package org.mineralsadvisor.model;

/** Recommendation priorities, most urgent first (the order of handbook section 7). */
public enum Priority { HIGH, MEDIUM, LOW, INFO }
