package org.mineralsadvisor.audit;

/** The profile of one stored advice exactly as received, with the advice's id and chain position. */
public record StoredInput(String id, long seq, String input) {
}
