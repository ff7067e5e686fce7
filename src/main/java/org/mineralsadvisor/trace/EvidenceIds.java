package org.mineralsadvisor.trace;

import org.mineralsadvisor.provenance.ProfileValue;
import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

/**
 * The stable, readable ids under which an advice lists its evidence once: a fact-base row as
 * {@code facts/<file>:<line>}, a profile value as {@code profile:<JSON pointer>} (data
 * contract, "Evidence, once per advice"). Rows are named under {@code facts/} whatever
 * directory they were loaded from, as rule files are named under {@code rules/}.
 */
public final class EvidenceIds {
    public static final String PROFILE_PREFIX = "profile:";
    private static final String FACTS_DIRECTORY = "facts/";

    private EvidenceIds() {
    }

    /** How the trace names the fact-base file {@code file} (as loaded, e.g. {@code production.csv}). */
    public static String factFile(String file) {
        return FACTS_DIRECTORY + file;
    }

    public static String of(Object evidence) {
        if (evidence instanceof ProfileValue value) {
            return PROFILE_PREFIX + value.pointer();
        }
        if (evidence instanceof Sourced row) {
            SourceRef ref = row.ref();
            return factFile(ref.file()) + ":" + ref.line();
        }
        throw new IllegalArgumentException("not evidence: " + evidence.getClass().getSimpleName());
    }

    static boolean isEvidence(Object fact) {
        return fact instanceof ProfileValue || fact instanceof Sourced;
    }
}
