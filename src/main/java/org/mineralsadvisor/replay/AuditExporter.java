package org.mineralsadvisor.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.Activation;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.ChainHash;
import org.mineralsadvisor.audit.ChainLink;
import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.audit.KeyRecord;
import org.mineralsadvisor.audit.StoredRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the self-contained audit bundle of one stored advice or rule-set activation, with a
 * signed checkpoint that covers it and the log's key history (format 4).
 */
public final class AuditExporter {
    static final int MAX_LINKS = 1000;

    private final AuditStore store;
    private final CheckpointSource checkpoints;

    /** Bundles with the stored checkpoints only (what a command without the signing key can do). */
    public AuditExporter(AuditStore store) {
        this(store, CheckpointSource.stored(store));
    }

    public AuditExporter(AuditStore store, CheckpointSource checkpoints) {
        this.store = store;
        this.checkpoints = checkpoints;
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

    /**
     * The links from the record to the head, of every kind: the first {@link #MAX_LINKS}, or as
     * many as reach the checkpoint's seq when it lies further on (the bundle proves that the
     * checkpoint covers the record only through them).
     */
    private AuditBundle.Chain chainAfter(long seq, Checkpoint checkpoint) {
        ChainLink head = store.head();
        long toCheckpoint = checkpoint == null ? 0 : checkpoint.seq() - seq;
        int max = (int) Math.max(MAX_LINKS, Math.min(toCheckpoint, Integer.MAX_VALUE - 1));
        List<ChainLink> links = store.linksAfter(seq, max + 1);
        // Records appended after the head was read belong to a later head, not to this proof.
        links = links.stream().filter(l -> l.seq() <= head.seq()).toList();
        if (links.size() > max) {
            links = links.subList(0, max);
        }
        boolean truncated = (links.isEmpty() ? seq : links.get(links.size() - 1).seq()) < head.seq();
        return new AuditBundle.Chain(AuditBundle.HASH_RULE, List.copyOf(links), truncated, head.seq(), head.hash());
    }

    /** What a format 4 bundle adds: the log, a checkpoint for the record (read before the chain), its keys. */
    private record Signed(String logId, Checkpoint checkpoint, List<KeyRecord> keys) {
    }

    private Signed signed(long seq) {
        Checkpoint checkpoint = checkpoints.forRecord(seq).orElse(null);
        return new Signed(store.logId(), checkpoint, List.copyOf(store.keys()));
    }

    private ActivationBundle bundle(Activation a) {
        Signed signed = signed(a.seq());
        AuditBundle.Chain chain = chainAfter(a.seq(), signed.checkpoint());
        JsonNode summary = parsed(a.summaryJson());
        AuditBundle.Contents rules = store.ruleSet(a.version()).map(files -> contents(a.version(), files)).orElse(null);
        return new ActivationBundle(Bundle.FORMAT, ActivationBundle.KIND, Instant.now().toString(), signed.logId(),
                ChainLink.of(a), a.reason(), summary, unlessReproduced(summary, a.summaryJson()), rules, chain,
                signed.checkpoint(), signed.keys(), AuditBundle.SIGNATURE_RULE);
    }

    private AuditBundle bundle(StoredRecord r) {
        Signed signed = signed(r.seq());
        AuditBundle.Chain chain = chainAfter(r.seq(), signed.checkpoint());
        var rules = store.ruleSet(r.ruleSetVersion()).orElseThrow(
                () -> new ReplayException("rule set " + r.ruleSetVersion() + " is not stored"));
        var facts = store.factBase(r.factBaseVersion()).orElseThrow(
                () -> new ReplayException("fact base " + r.factBaseVersion() + " is not stored"));
        JsonNode input = parsed(r.input());
        JsonNode advice = parsed(r.advice());
        return new AuditBundle(AuditBundle.FORMAT, AuditBundle.KIND, Instant.now().toString(), signed.logId(),
                new AuditBundle.Record(r.seq(), r.id(), r.createdAt(), r.country(), r.asOf(), r.role(), r.keyId(),
                        r.ruleSetVersion(), r.factBaseVersion(), ChainHash.sha256(r.input()), ChainHash.sha256(r.advice()),
                        r.prevHash(), r.hash()),
                input, unlessReproduced(input, r.input()), advice, unlessReproduced(advice, r.advice()),
                contents(r.ruleSetVersion(), rules), contents(r.factBaseVersion(), facts), chain, signed.checkpoint(),
                signed.keys(), AuditBundle.SIGNATURE_RULE);
    }
}
