package org.mineralsadvisor.facts;

public enum Stage { MINING, REFINING }
