package org.mineralsadvisor.facts;

/** A production stage; MANUFACTURING is for products (e.g. NdFeB magnets) with no mining or refining rows. */
public enum Stage { MINING, REFINING, MANUFACTURING }
