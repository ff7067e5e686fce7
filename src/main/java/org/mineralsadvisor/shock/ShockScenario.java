package org.mineralsadvisor.shock;

import org.mineralsadvisor.audit.ChainHash;

import java.util.List;

/**
 * A shock scenario: a named set of changes to the fact base, applied for one evaluation only
 * (never to the fact base on disk or in the store). Not to be confused with the rule-test
 * scenarios of {@code rules/tests/} ({@link org.mineralsadvisor.scenario}).
 *
 * @param writtenFor the fact-base version ({@code sha256:…}) the scenario was written against
 * @param text       the scenario as written (YAML): what the audit store keeps, so that replay
 *                   can apply it again
 * @param file       where it was read from, for problems ({@code scenarios/x.yaml}, the request body)
 */
public record ShockScenario(String name, String title, String description, List<String> sources, String writtenFor,
                            List<ShockChange> changes, String text, String file) {

    /** {@code sha256:<hex>} of the text. */
    public String sha256() {
        return "sha256:" + ChainHash.sha256(text);
    }
}
