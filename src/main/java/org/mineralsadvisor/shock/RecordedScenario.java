package org.mineralsadvisor.shock;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * What the audit store keeps of the shock scenario that produced an advice: enough to apply it
 * again. {@code text} is the scenario as written; {@code appliedTo} the baseline fact-base
 * version it was applied to (stored too), and {@code factBase} the version it produced, which
 * is the advice's own fact-base version.
 */
@JsonPropertyOrder({"name", "title", "file", "sha256", "writtenFor", "appliedTo", "factBase", "text"})
public record RecordedScenario(String name, String title, String file, String sha256, String writtenFor,
                               String appliedTo, String factBase, String text) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static RecordedScenario of(ShockedFacts shocked) {
        ShockScenario s = shocked.scenario();
        return new RecordedScenario(s.name(), s.title(), s.file(), s.sha256(), s.writtenFor(), shocked.base().version(),
                shocked.facts().version(), s.text());
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not a recorded scenario */
    public static RecordedScenario parse(String json) {
        try {
            RecordedScenario r = JSON.readValue(json, RecordedScenario.class);
            if (r.text() == null || r.appliedTo() == null || r.factBase() == null) {
                throw new IllegalArgumentException("the recorded scenario lacks its text or versions");
            }
            return r;
        } catch (IOException e) {
            throw new IllegalArgumentException("the recorded scenario is not readable JSON: " + e.getMessage(), e);
        }
    }

    /** True when {@code text} still hashes to {@code sha256}, as recorded. */
    public boolean textMatchesHash() {
        return ("sha256:" + org.mineralsadvisor.audit.ChainHash.sha256(text)).equals(sha256);
    }

    /** The scenario read again from its text (as it was read when the advice was given). */
    public ShockScenario scenario() {
        return ShockScenarioReader.read(file, text, null);
    }
}
