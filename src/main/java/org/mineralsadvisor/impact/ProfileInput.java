package org.mineralsadvisor.impact;

/**
 * One profile to evaluate under both rule sets.
 *
 * @param label what the report calls it: the file name, or the id of the stored advice it came from
 * @param json  the profile as received
 */
public record ProfileInput(String label, String json) {
}
