package org.mineralsadvisor.audit;

/**
 * A stored advice record whose profile or advice cannot be read back (a damaged or edited
 * compressed body): names the record, so that it can be found, and what is wrong with it.
 */
public final class UnreadableRecordException extends RuntimeException {
    private final long seq;
    private final String id;
    private final String problem;

    UnreadableRecordException(long seq, String id, String problem) {
        super("advice record " + id + " (seq " + seq + ") cannot be read: " + problem);
        this.seq = seq;
        this.id = id;
        this.problem = problem;
    }

    public long seq() {
        return seq;
    }

    public String id() {
        return id;
    }

    /** What is wrong, without the record's name: "the stored advice …". */
    public String problem() {
        return problem;
    }
}
