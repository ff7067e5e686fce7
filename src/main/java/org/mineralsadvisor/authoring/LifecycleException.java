package org.mineralsadvisor.authoring;

import java.util.List;

/**
 * A lifecycle request that cannot be carried out, with the HTTP status that says why:
 * 404 unknown version, 409 conflict with the current state, 422 a rejected candidate
 * (with its located problems).
 */
public class LifecycleException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<String> problems;
    private final String version;

    public LifecycleException(int status, String slug, String title, String detail, String version, List<String> problems) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.version = version;
        this.problems = List.copyOf(problems);
    }

    static LifecycleException notFound(String version) {
        return new LifecycleException(404, "ruleset-not-found", "Rule set not found",
                "no rule-set version " + version + " is known (GET /v1/rulesets lists them)", version, List.of());
    }

    static LifecycleException conflict(String detail, String version) {
        return new LifecycleException(409, "ruleset-conflict", "Rule set not in a state for this", detail, version,
                List.of());
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String version() {
        return version;
    }

    public List<String> problems() {
        return problems;
    }
}
