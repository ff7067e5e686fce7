package org.mineralsadvisor.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.Activation;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.ChainHash;
import org.mineralsadvisor.audit.ChainLink;
import org.mineralsadvisor.audit.StoredRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the self-contained audit bundle of one stored advice or rule-set activation. */
public final class AuditExporter {
    static final int MAX_LINKS = 1000;

    private final AuditStore store;

    public AuditExporter(AuditStore store) {
        this.store = store;
    }

    /** The text as a JSON value for reading; null where it is not JSON (then only the text is carried). */
    private static JsonNode parsed(String text) {
        try {
            return AdviceJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The exact text, where writing the value compactly would not give it back (whitespace, key order, 1e3). */
    private static String unlessReproduced(JsonNode value, String text) {
        return value != null && AdviceJson.compact(value).equals(text) ? null : text;
    }

    private static AuditBundle.Contents contents(String version, Map<String, String> files) {
        Map<String, String> digests = new TreeMap<>();
        files.forEach((name, text) -> digests.put(name, ChainHash.sha256(text)));
        return new AuditBundle.Contents(version, new TreeMap<>(files), digests);
    }

    /** The bundle of the record with this id: an advice, else a rule-set activation; empty when neither. */
    public Optional<Bundle> export(String id) {
        Optional<Bundle> advice = store.find(id).map(this::bundle);
        return advice.isPresent() ? advice : store.activation(id).map(this::bundle);
    }

    /** The links from the record to the head, of both kinds (the first {@link #MAX_LINKS}). */
    private AuditBundle.Chain chainAfter(long seq) {
        ChainLink head = store.head();
        List<ChainLink> links = store.linksAfter(seq, MAX_LINKS + 1);
        boolean truncated = links.size() > MAX_LINKS;
        if (truncated) {
            links = links.subList(0, MAX_LINKS);
        }
        return new AuditBundle.Chain(AuditBundle.HASH_RULE, List.copyOf(links), truncated, head.seq(), head.hash());
    }

    private ActivationBundle bundle(Activation a) {
        AuditBundle.Chain chain = chainAfter(a.seq());
        JsonNode summary = parsed(a.summaryJson());
        AuditBundle.Contents rules = store.ruleSet(a.version()).map(files -> contents(a.version(), files)).orElse(null);
        return new ActivationBundle(Bundle.FORMAT, ActivationBundle.KIND, Instant.now().toString(), ChainLink.of(a),
                a.reason(), summary, unlessReproduced(summary, a.summaryJson()), rules, chain);
    }

    private AuditBundle bundle(StoredRecord r) {
        AuditBundle.Chain chain = chainAfter(r.seq());
        var rules = store.ruleSet(r.ruleSetVersion()).orElseThrow(
                () -> new ReplayException("rule set " + r.ruleSetVersion() + " is not stored"));
        var facts = store.factBase(r.factBaseVersion()).orElseThrow(
                () -> new ReplayException("fact base " + r.factBaseVersion() + " is not stored"));
        JsonNode input = parsed(r.input());
        JsonNode advice = parsed(r.advice());
        return new AuditBundle(AuditBundle.FORMAT, AuditBundle.KIND, Instant.now().toString(),
                new AuditBundle.Record(r.seq(), r.id(), r.createdAt(), r.country(), r.asOf(), r.role(), r.keyId(),
                        r.ruleSetVersion(), r.factBaseVersion(), ChainHash.sha256(r.input()), ChainHash.sha256(r.advice()),
                        r.prevHash(), r.hash()),
                input, unlessReproduced(input, r.input()), advice, unlessReproduced(advice, r.advice()),
                contents(r.ruleSetVersion(), rules), contents(r.factBaseVersion(), facts), chain);
    }
}
