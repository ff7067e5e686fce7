package org.mineralsadvisor.facts;

public enum Clearance { GRANTED, PENDING, REFUSED }
