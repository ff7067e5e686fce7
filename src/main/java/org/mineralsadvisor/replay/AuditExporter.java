package org.mineralsadvisor.replay;

import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.ChainLink;
import org.mineralsadvisor.audit.StoredRecord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Builds the self-contained audit bundle of one stored advice. */
public final class AuditExporter {
    static final int MAX_LINKS = 1000;

    private final AuditStore store;

    public AuditExporter(AuditStore store) {
        this.store = store;
    }

    public Optional<AuditBundle> export(String id) {
        return store.find(id).map(this::bundle);
    }

    private AuditBundle bundle(StoredRecord r) {
        ChainLink head = store.head();
        List<ChainLink> links = store.linksAfter(r.seq(), MAX_LINKS + 1);
        boolean truncated = links.size() > MAX_LINKS;
        if (truncated) {
            links = links.subList(0, MAX_LINKS);
        }
        var rules = store.ruleSet(r.ruleSetVersion()).orElseThrow(
                () -> new ReplayException("rule set " + r.ruleSetVersion() + " is not stored"));
        var facts = store.factBase(r.factBaseVersion()).orElseThrow(
                () -> new ReplayException("fact base " + r.factBaseVersion() + " is not stored"));
        return new AuditBundle(AuditBundle.FORMAT, Instant.now().toString(),
                new AuditBundle.Record(r.seq(), r.id(), r.createdAt(), r.country(), r.asOf(), r.role(), r.keyId(),
                        r.ruleSetVersion(), r.factBaseVersion(), r.prevHash(), r.hash()),
                r.input(), r.advice(),
                new AuditBundle.Contents(r.ruleSetVersion(), rules),
                new AuditBundle.Contents(r.factBaseVersion(), facts),
                new AuditBundle.Chain(AuditBundle.HASH_RULE, List.copyOf(links), truncated, head.seq(), head.hash()));
    }
}
