package org.mineralsadvisor.impact;

import org.mineralsadvisor.advice.RecommendationChange;
import java.util.List;

/**
 * What the candidate changes for one profile.
 *
 * @param status   CHANGED: {@code changes} lists them; INVALID: the profile does not validate against the
 *                 fact base ({@code problems}, as {@code pointer: code: message}); FAILED: an evaluation
 *                 stopped (a firing or time limit, an exception in rule code), {@code problems} says which side and why
 */
public record ProfileImpact(String label, Status status, List<RecommendationChange> changes, List<String> problems) {

    public enum Status { CHANGED, INVALID, FAILED }
}
