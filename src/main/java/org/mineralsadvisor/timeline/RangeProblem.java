package org.mineralsadvisor.timeline;

/**
 * A problem with a timeline's range, named by the parameter it concerns ({@code from},
 * {@code to} or {@code step}; the CLI shows them as flags, the HTTP route as query parameters).
 */
public record RangeProblem(String parameter, String code, String message) {
}
