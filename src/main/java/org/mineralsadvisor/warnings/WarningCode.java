package org.mineralsadvisor.warnings;

/** The warning codes, in the order the advice lists them (handbook section 8). */
public enum WarningCode { SUSPENSION_LAPSED, STALE_FACT, ILLUSTRATIVE_FACT, NO_PRODUCTION_DATA }
