package org.mineralsadvisor.model;

/** A ranked corridor's tier by score (COR-RANK). */
public enum Tier { TIER_1, TIER_2, TIER_3 }
