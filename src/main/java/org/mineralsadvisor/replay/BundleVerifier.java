package org.mineralsadvisor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.ChainHash;
import org.mineralsadvisor.audit.ChainLink;
import org.mineralsadvisor.audit.StoredRecord;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.provenance.ContentHash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks an exported audit bundle offline: hashes, versions, the chain to the head, and a replay. */
public final class BundleVerifier {

    public List<BundleCheck> verify(AuditBundle bundle, boolean replay) {
        List<BundleCheck> checks = new ArrayList<>();
        AuditBundle.Record r = bundle.record();
        checks.add(check("format", AuditBundle.FORMAT.equals(bundle.format()), "format is " + bundle.format()));
        String recomputed = ChainHash.of(r.prevHash(), r.seq(), r.id(), r.createdAt(), r.country(), r.asOf(), r.role(),
                r.keyId(), r.ruleSetVersion(), r.factBaseVersion(), bundle.input(), bundle.advice());
        checks.add(check("record hash", recomputed.equals(r.hash()),
                "recomputed " + recomputed + ", recorded " + r.hash()));

        JsonNode advice = null;
        try {
            advice = AdviceJson.mapper().readTree(bundle.advice());
        } catch (java.io.IOException e) {
            checks.add(check("advice is JSON", false, e.getMessage()));
        }
        if (advice != null) {
            boolean matches = r.id().equals(advice.path("id").asText())
                    && r.ruleSetVersion().equals(advice.at("/ruleSet/version").asText())
                    && r.factBaseVersion().equals(advice.at("/factBase/version").asText())
                    && r.country().equals(advice.path("country").asText())
                    && r.asOf().equals(advice.path("asOf").asText());
            checks.add(check("advice matches record", matches,
                    "the advice's id, country, asOf and versions must equal the record's"));
        }
        String rulesVersion = versionOf(bundle.ruleSet().files());
        checks.add(check("rule set version", rulesVersion.equals(r.ruleSetVersion())
                        && rulesVersion.equals(bundle.ruleSet().version()),
                "the files hash to " + rulesVersion + ", the record names " + r.ruleSetVersion()));
        String factsVersion = versionOf(bundle.factBase().files());
        checks.add(check("fact base version", factsVersion.equals(r.factBaseVersion())
                        && factsVersion.equals(bundle.factBase().version()),
                "the files hash to " + factsVersion + ", the record names " + r.factBaseVersion()));
        checks.add(chainToHead(bundle));
        if (replay) {
            checks.add(replayCheck(bundle));
        }
        return checks;
    }

    private static BundleCheck chainToHead(AuditBundle bundle) {
        String previous = bundle.record().hash();
        long seq = bundle.record().seq();
        for (ChainLink link : bundle.chain().links()) {
            if (link.seq() != seq + 1 || !link.prevHash().equals(previous) || !link.recomputedHash().equals(link.hash())) {
                return check("chain to head", false, "the link to record " + link.seq() + " (" + link.id() + ") is broken");
            }
            previous = link.hash();
            seq = link.seq();
        }
        if (bundle.chain().truncated()) {
            return check("chain to head", true, "verified " + bundle.chain().links().size()
                    + " following record(s); the proof stops before the head");
        }
        boolean atHead = seq == bundle.chain().headSeq() && previous.equals(bundle.chain().headHash());
        return check("chain to head", atHead, "the chain reaches record " + seq + " with hash " + previous
                + "; the head at export was " + bundle.chain().headSeq() + " with hash " + bundle.chain().headHash());
    }

    private static BundleCheck replayCheck(AuditBundle bundle) {
        AuditBundle.Record r = bundle.record();
        StoredRecord record = new StoredRecord(r.seq(), r.id(), r.createdAt(), r.country(), r.asOf(), r.role(), r.keyId(),
                r.ruleSetVersion(), r.factBaseVersion(), bundle.input(), bundle.advice(), r.prevHash(), r.hash());
        try {
            ReplayResult result = new Replayer(new Advisor()).replay(record, new Replayer.Contents() {
                @Override
                public Map<String, String> ruleSet(String version) {
                    return bundle.ruleSet().files();
                }

                @Override
                public Map<String, String> factBase(String version) {
                    return bundle.factBase().files();
                }
            });
            return check("replay", result.identical(), result.identical()
                    ? "re-evaluating the input with the bundled rules and facts gives the same advice"
                    : "re-evaluation differs: " + result.differences());
        } catch (RuntimeException e) {
            return check("replay", false, e.getMessage());
        }
    }

    private static String versionOf(Map<String, String> files) {
        List<byte[]> contents = new ArrayList<>();
        new TreeMap<>(files).values().forEach(text -> contents.add(text.getBytes(StandardCharsets.UTF_8)));
        return ContentHash.ofContents(contents);
    }

    private static BundleCheck check(String name, boolean passed, String detail) {
        return new BundleCheck(name, passed, detail);
    }
}
