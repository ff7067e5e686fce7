package org.mineralsadvisor.model;

/** Whether a corridor was ranked (COR-RANK) or excluded from ranking (COR-GATE). */
public enum CorridorStatus { RANKED, EXCLUDED }
