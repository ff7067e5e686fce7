package org.mineralsadvisor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.ChainHash;
import org.mineralsadvisor.audit.ChainLink;
import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.audit.KeyRecord;
import org.mineralsadvisor.audit.StoredRecord;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.provenance.ContentHash;
import org.mineralsadvisor.transparency.CheckpointSignature;
import org.mineralsadvisor.transparency.KeyHistory;
import org.mineralsadvisor.transparency.TrustedKey;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks an exported audit bundle offline: the record against its hash, the input and advice
 * against the record, the rule set's and fact base's files against their versions, the chain
 * to the head, and a replay. A failed check names the part that changed: a record field, the
 * input, the advice, a rule-set or fact-base file, or the chain link at a seq.
 *
 * <p>A bundle of format 4 is also checked against the log's signature: its key history is intact,
 * its checkpoint is signed by a key of that history (or by the auditor's own key), and the chain
 * from the record reaches the checkpoint's seq with the hash the checkpoint signed. Without a
 * key of the auditor's, the bundle's own history is trusted (trust on first use), which the
 * check says.
 */
public final class BundleVerifier {
    private final Advisor evaluator;

    public BundleVerifier() {
        this(new Advisor());
    }

    public BundleVerifier(Advisor evaluator) {
        this.evaluator = evaluator;
    }

    /** Checks a bundle of either kind; {@code replay} applies to advice bundles. */
    public List<BundleCheck> verify(Bundle bundle, boolean replay) {
        return verify(bundle, replay, null);
    }

    /**
     * @param trusted the auditor's own public key, which the checkpoint's signature must lead to;
     *                null to trust the bundle's key history
     */
    public List<BundleCheck> verify(Bundle bundle, boolean replay, TrustedKey trusted) {
        List<BundleCheck> checks = new ArrayList<>(bundle instanceof ActivationBundle activation
                ? activationChecks(activation) : adviceChecks((AuditBundle) bundle));
        String recordHash = bundle instanceof ActivationBundle activation ? activation.record().hash()
                : ((AuditBundle) bundle).record().hash();
        checks.addAll(signatureChecks(bundle, recordHash, trusted));
        if (replay && bundle instanceof AuditBundle advice) {
            checks.add(replayCheck(advice));
        }
        return checks;
    }

    /** The record, its parts and the chain to the head. */
    private static List<BundleCheck> adviceChecks(AuditBundle bundle) {
        String inputText = AuditBundle.exactText(bundle.input(), bundle.inputText());
        String adviceText = AuditBundle.exactText(bundle.advice(), bundle.adviceText());
        RecordFields given = RecordFields.of(bundle.record());
        RecordFields.Repair repair = given.repair(corroborations(bundle, inputText, adviceText));
        RecordFields record = repair.record();

        List<BundleCheck> checks = new ArrayList<>();
        checks.add(new BundleCheck("record", repair.intact(), repair.intact()
                ? "its fields match its hash " + given.hash() : repair.finding()));
        checks.add(part("input", bundle.input(), bundle.inputText(), inputText, record.get(RecordFields.INPUT_SHA256)));
        checks.add(part("advice", bundle.advice(), bundle.adviceText(), adviceText, record.get(RecordFields.ADVICE_SHA256)));
        checks.add(adviceMatchesRecord(bundle.advice(), record));
        checks.add(contents("rule set", "rule-set", bundle.ruleSet(), record.get(RecordFields.RULE_SET_VERSION)));
        checks.add(contents("fact base", "fact-base", bundle.factBase(), record.get(RecordFields.FACT_BASE_VERSION)));
        checks.add(chainToHead(bundle.record().seq(), record.get(RecordFields.HASH), bundle.chain()));
        return checks;
    }

    /**
     * The signature over the log: the key history, the checkpoint's signature, and that the
     * checkpoint covers the record. Formats before 4 carry neither: one passing line says so, so
     * that they stay valid.
     */
    private static List<BundleCheck> signatureChecks(Bundle bundle, String recordHash, TrustedKey trusted) {
        if (!bundle.signed()) {
            return List.of(new BundleCheck("checkpoint", true, "format " + bundle.format() + " carries no signed "
                    + "checkpoint (format " + Bundle.FORMAT + " does), so nothing signed by the log's key vouches for "
                    + "this chain proof" + (trusted == null ? "" : " and the key you gave is not used")
                    + "; export the record again for one"));
        }
        List<KeyRecord> keys = bundle.keys() == null ? List.of() : bundle.keys();
        String logId = bundle.logId();
        KeyHistory history = KeyHistory.of(logId == null ? "" : logId, keys);
        List<BundleCheck> checks = new ArrayList<>();
        checks.add(keysCheck(bundle, keys, history));
        Checkpoint checkpoint = bundle.checkpoint();
        if (checkpoint == null) {
            String none = "the bundle carries no checkpoint (the log had none signed when it was exported), so nothing "
                    + "signed by the log's key vouches for this record; export it again once the service has signed one";
            checks.add(new BundleCheck("checkpoint signature", false, none));
            checks.add(new BundleCheck("checkpoint covers record", false, none));
            return checks;
        }
        CheckpointSignature.Result signature = CheckpointSignature.check(checkpoint, history, trusted);
        checks.add(signature.valid()
                ? new BundleCheck("checkpoint signature", true, "key " + checkpoint.keyId() + " signed seq "
                + checkpoint.seq() + " (head " + checkpoint.headHash() + ") at " + checkpoint.time() + "; "
                + signature.how())
                : new BundleCheck("checkpoint signature", false, "checkpoint of seq " + checkpoint.seq() + ": "
                + signature.problem()));
        checks.add(covers(bundle, checkpoint, recordHash));
        return checks;
    }

    /**
     * The key history is intact (each key proves it holds its private key and is endorsed by the
     * one before), each key record matches its hash, and the chain links of key records the bundle
     * also carries are the same records.
     */
    private static BundleCheck keysCheck(Bundle bundle, List<KeyRecord> keys, KeyHistory history) {
        if (bundle.logId() == null || bundle.logId().isBlank()) {
            return new BundleCheck("keys", false, "the bundle names no logId, which the key records and the checkpoint "
                    + "are signed for");
        }
        if (keys.isEmpty()) {
            return new BundleCheck("keys", false, "the bundle carries no signing keys (the log had none when it was "
                    + "exported)");
        }
        if (!history.intact()) {
            return new BundleCheck("keys", false, "the key history is broken: " + history.problems().get(0));
        }
        Map<Long, ChainLink> links = new java.util.HashMap<>();
        bundle.chain().links().forEach(l -> links.putIfAbsent(l.seq(), l));
        for (KeyRecord k : keys) {
            String where = "key record " + k.id() + " (seq " + k.seq() + ")";
            if (!k.recomputedHash().equals(k.hash())) {
                return new BundleCheck("keys", false, where + " changed: its fields do not match its hash " + k.hash());
            }
            ChainLink link = links.get(k.seq());
            if (link != null && !k.hash().equals(link.hash())) {
                return new BundleCheck("keys", false, where + " is not the record the chain has at seq " + k.seq()
                        + " (" + link.kind() + " " + link.id() + ", hash " + link.hash() + ")");
            }
        }
        List<String> named = keys.stream().map(k -> k.keyId() + " (seq " + k.seq() + ")").toList();
        return new BundleCheck("keys", true, keys.size() + " signing key(s) of log " + bundle.logId()
                + (keys.size() == 1 ? ", which proves it holds its private key: " : ", each endorsed by the one before: ")
                + String.join(", ", named));
    }

    /**
     * The checkpoint is of the bundle's log, at or after the record, and signed the hash that the
     * bundle's chain has at its seq (the record's own hash when it is the record's seq).
     */
    private static BundleCheck covers(Bundle bundle, Checkpoint checkpoint, String recordHash) {
        long seq = bundle.recordSeq();
        if (!Objects.equals(checkpoint.logId(), bundle.logId())) {
            return new BundleCheck("checkpoint covers record", false, "the checkpoint is of log " + checkpoint.logId()
                    + ", the bundle's record and keys are of log " + bundle.logId());
        }
        if (checkpoint.seq() < seq) {
            return new BundleCheck("checkpoint covers record", false, "the checkpoint (seq " + checkpoint.seq()
                    + ") does not cover this record (seq " + seq + "): it was signed before the record was written; "
                    + "export the record again once a later checkpoint is signed");
        }
        String atSeq;
        if (checkpoint.seq() == seq) {
            atSeq = recordHash;
        } else {
            List<ChainLink> links = bundle.chain().links();
            atSeq = links.stream().filter(l -> l.seq() == checkpoint.seq()).map(ChainLink::hash).findFirst().orElse(null);
            if (atSeq == null) {
                long last = links.isEmpty() ? seq : links.get(links.size() - 1).seq();
                return new BundleCheck("checkpoint covers record", false, "the bundle's chain has no link at the "
                        + "checkpoint's seq " + checkpoint.seq() + " (its links end at seq " + last + ")");
            }
        }
        if (!checkpoint.headHash().equals(atSeq)) {
            return new BundleCheck("checkpoint covers record", false, "the checkpoint signed hash "
                    + checkpoint.headHash() + " at seq " + checkpoint.seq() + ", but the bundle's "
                    + (checkpoint.seq() == seq ? "record has hash " : "chain has hash ") + atSeq + " there");
        }
        return new BundleCheck("checkpoint covers record", true, checkpoint.seq() == seq
                ? "the checkpoint signed this record's hash (seq " + seq + ")"
                : "the checkpoint signed seq " + checkpoint.seq() + " with the hash the chain from this record (seq "
                + seq + ") reaches there");
    }

    /** Where else the bundle states a record field's value: each may prove which field was changed. */
    private static Map<String, List<String>> corroborations(AuditBundle bundle, String inputText, String adviceText) {
        Map<String, List<String>> elsewhere = new TreeMap<>();
        JsonNode advice = bundle.advice() == null ? AdviceJson.mapper().missingNode() : bundle.advice();
        elsewhere.put(RecordFields.ID, texts(advice.path("id")));
        elsewhere.put(RecordFields.CREATED_AT, texts(advice.path("evaluatedAt")));
        elsewhere.put(RecordFields.COUNTRY, texts(advice.path("country")));
        elsewhere.put(RecordFields.AS_OF, texts(advice.path("asOf")));
        elsewhere.put(RecordFields.RULE_SET_VERSION, texts(advice.at("/ruleSet/version"),
                bundle.ruleSet() == null ? null : bundle.ruleSet().version(), versionOf(bundle.ruleSet())));
        elsewhere.put(RecordFields.FACT_BASE_VERSION, texts(advice.at("/factBase/version"),
                bundle.factBase() == null ? null : bundle.factBase().version(), versionOf(bundle.factBase())));
        elsewhere.put(RecordFields.INPUT_SHA256, List.of(ChainHash.sha256(inputText)));
        elsewhere.put(RecordFields.ADVICE_SHA256, List.of(ChainHash.sha256(adviceText)));
        List<ChainLink> links = bundle.chain().links();
        if (!links.isEmpty()) {
            elsewhere.put(RecordFields.SEQ, List.of(Long.toString(links.get(0).seq() - 1)));
            elsewhere.put(RecordFields.HASH, texts(links.get(0).prevHash()));
        } else if (!bundle.chain().truncated()) {
            elsewhere.put(RecordFields.SEQ, List.of(Long.toString(bundle.chain().headSeq())));
            elsewhere.put(RecordFields.HASH, texts(bundle.chain().headHash()));
        }
        if (bundle.record().seq() == 1) {
            elsewhere.put(RecordFields.PREV_HASH, List.of(ChainHash.GENESIS));
        }
        return elsewhere;
    }

    private static List<String> texts(Object... values) {
        List<String> texts = new ArrayList<>();
        for (Object value : values) {
            String text = value instanceof JsonNode node ? (node.isTextual() ? node.asText() : null) : (String) value;
            if (text != null && !texts.contains(text)) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** The input or the advice: its exact text hashes to what the record says, and its JSON value says the same. */
    private static BundleCheck part(String name, JsonNode value, String text, String exactText, String recordedSha256) {
        String sha256 = ChainHash.sha256(exactText);
        if (!sha256.equals(recordedSha256)) {
            return new BundleCheck(name, false, name + " changed: it hashes to " + sha256 + ", the record's "
                    + name + "Sha256 is " + recordedSha256);
        }
        if (text != null && value != null && !value.equals(parsedOrNull(text))) {
            return new BundleCheck(name, false, name + " changed: its JSON value differs from " + name
                    + "Text, which is what was hashed");
        }
        return new BundleCheck(name, true, "hashes to the record's " + name + "Sha256");
    }

    private static JsonNode parsedOrNull(String text) {
        try {
            return AdviceJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static BundleCheck adviceMatchesRecord(JsonNode advice, RecordFields record) {
        if (advice == null || !advice.isObject()) {
            return new BundleCheck("advice matches record", false, "advice changed: it is not a JSON object");
        }
        Map<String, String> pointers = new java.util.LinkedHashMap<>();
        pointers.put("/id", RecordFields.ID);
        pointers.put("/evaluatedAt", RecordFields.CREATED_AT);
        pointers.put("/country", RecordFields.COUNTRY);
        pointers.put("/asOf", RecordFields.AS_OF);
        pointers.put("/ruleSet/version", RecordFields.RULE_SET_VERSION);
        pointers.put("/factBase/version", RecordFields.FACT_BASE_VERSION);
        for (Map.Entry<String, String> p : pointers.entrySet()) {
            String inAdvice = advice.at(p.getKey()).asText(null);
            if (!Objects.equals(inAdvice, record.get(p.getValue()))) {
                return new BundleCheck("advice matches record", false, "advice changed: " + p.getKey() + " is '"
                        + inAdvice + "', the record's " + p.getValue() + " is '" + record.get(p.getValue()) + "'");
            }
        }
        return new BundleCheck("advice matches record", true, "the advice's id, evaluatedAt, country, asOf and versions "
                + "equal the record's");
    }

    /** The files hash to the version the record names; where not, each file's own digest says which changed. */
    private static BundleCheck contents(String name, String filePart, AuditBundle.Contents contents, String recorded) {
        String version = versionOf(contents);
        if (!Objects.equals(contents.version(), recorded)) {
            return new BundleCheck(name + " version", false, name + " version changed: the bundle's " + name
                    + " says " + contents.version() + ", the record names " + recorded);
        }
        if (version.equals(recorded)) {
            return new BundleCheck(name + " version", true, "the files hash to " + version);
        }
        Map<String, String> digests = contents.fileSha256() == null ? Map.of() : contents.fileSha256();
        List<String> changed = new ArrayList<>();
        for (String file : new TreeSet<>(union(contents.files().keySet(), digests.keySet()))) {
            String text = contents.files().get(file);
            if (text == null) {
                changed.add(filePart + " file " + file + " removed");
            } else if (!digests.containsKey(file)) {
                changed.add(filePart + " file " + file + " added");
            } else if (!ChainHash.sha256(text).equals(digests.get(file))) {
                changed.add(filePart + " file " + file + " changed");
            }
        }
        String which = changed.isEmpty() ? "the files and their fileSha256 were changed together, so the file cannot be named"
                : String.join(", ", changed);
        return new BundleCheck(name + " version", false, which + ": the files hash to " + version
                + ", the record names " + recorded);
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The record against its hash, the reason and the summary against their digests, the activated
     * version against its files (where bundled), and the chain to the head. Where the record's hash
     * fails, a field that the rest of the bundle restores is named.
     */
    private static List<BundleCheck> activationChecks(ActivationBundle bundle) {
        ChainLink given = bundle.record();
        String summaryText = AuditBundle.exactText(bundle.summary(), bundle.summaryText());
        List<BundleCheck> checks = new ArrayList<>();
        checks.add(activationRecord(bundle, given, summaryText));
        String reasonSha256 = ChainHash.sha256(bundle.reason() == null ? "" : bundle.reason());
        checks.add(reasonSha256.equals(given.reasonSha256())
                ? new BundleCheck("reason", true, "hashes to the record's reasonSha256")
                : new BundleCheck("reason", false, "reason changed: it hashes to " + reasonSha256
                + ", the record's reasonSha256 is " + given.reasonSha256()));
        checks.add(part("summary", bundle.summary(), bundle.summaryText(), summaryText, given.summarySha256()));
        if (bundle.ruleSet() != null) {
            checks.add(contents("rule set", "rule-set", bundle.ruleSet(), given.version()));
        }
        checks.add(chainToHead(given.seq(), given.hash(), bundle.chain()));
        return checks;
    }

    private static BundleCheck activationRecord(ActivationBundle bundle, ChainLink given, String summaryText) {
        if (!ChainLink.ACTIVATION.equals(given.kind())) {
            return new BundleCheck("record", false, "record kind changed: it says '" + given.kind()
                    + "' in an activation bundle");
        }
        String recomputed = given.recomputedHash();
        if (recomputed.equals(given.hash())) {
            return new BundleCheck("record", true, "its fields match its hash " + given.hash());
        }
        List<ChainLink> links = bundle.chain().links();
        String nextPrevHash = !links.isEmpty() ? links.get(0).prevHash()
                : bundle.chain().truncated() ? null : bundle.chain().headHash();
        if (recomputed.equals(nextPrevHash)) {
            return new BundleCheck("record", false, "record field hash changed: it says " + given.hash()
                    + ", but the fields hash to " + recomputed + ", as the chain after the record says");
        }
        Map<String, ChainLink> restorations = new java.util.LinkedHashMap<>();
        restorations.put("reasonSha256", relinked(given, given.version(), ChainHash.sha256(
                bundle.reason() == null ? "" : bundle.reason()), given.summarySha256()));
        restorations.put("summarySha256", relinked(given, given.version(), given.reasonSha256(),
                ChainHash.sha256(summaryText)));
        if (bundle.ruleSet() != null) {
            restorations.put("version", relinked(given, bundle.ruleSet().version(), given.reasonSha256(),
                    given.summarySha256()));
        }
        for (Map.Entry<String, ChainLink> r : restorations.entrySet()) {
            if (r.getValue().recomputedHash().equals(given.hash())) {
                return new BundleCheck("record", false, "record field " + r.getKey() + " changed: the value the rest "
                        + "of the bundle states gives the record's hash");
            }
        }
        return new BundleCheck("record", false, "record fields changed (activatedAt, version, previousVersion, proposer, "
                + "approvers or seq): the fields hash to " + recomputed + ", not to the record's hash " + given.hash());
    }

    private static ChainLink relinked(ChainLink l, String version, String reasonSha256, String summarySha256) {
        return new ChainLink(l.kind(), l.seq(), l.id(), l.createdAt(), l.country(), l.asOf(), l.role(), l.keyId(),
                l.ruleSetVersion(), l.factBaseVersion(), l.inputSha256(), l.adviceSha256(), l.activatedAt(), version,
                l.previousVersion(), l.proposer(), l.approvers(), reasonSha256, summarySha256, l.introducedAt(),
                l.signingKeyId(), l.publicKey(), l.previousSigningKeyId(), l.endorsement(), l.proof(), l.prevHash(),
                l.hash());
    }

    /** Each link after the record, of either kind, recomputed by its kind's formula, up to the head. */
    private static BundleCheck chainToHead(long recordSeq, String recordHash, AuditBundle.Chain chain) {
        String previous = recordHash;
        long seq = recordSeq;
        for (ChainLink link : chain.links()) {
            String broken = null;
            if (link.seq() != seq + 1) {
                broken = "chain link at seq " + (seq + 1) + " missing: the next link is seq " + link.seq();
            } else if (!link.recomputedHash().equals(link.hash())) {
                broken = "chain link at seq " + link.seq() + " (" + link.id() + ") changed: "
                        + (link.withPrevHash(previous).recomputedHash().equals(link.hash())
                        ? "its prevHash is not the hash of seq " + seq : "its fields do not match its hash");
            } else if (!link.prevHash().equals(previous)) {
                broken = "chain link at seq " + link.seq() + " (" + link.id() + ") changed: its prevHash is not the hash of seq "
                        + seq;
            }
            if (broken != null) {
                return new BundleCheck("chain to head", false, broken);
            }
            previous = link.hash();
            seq = link.seq();
        }
        if (chain.truncated()) {
            return new BundleCheck("chain to head", true, "verified " + chain.links().size()
                    + " following record(s); the proof stops before the head");
        }
        if (seq != chain.headSeq() || !previous.equals(chain.headHash())) {
            return new BundleCheck("chain to head", false, "chain head changed: the links reach seq " + seq + " with hash "
                    + previous + ", the head says seq " + chain.headSeq() + " with hash " + chain.headHash());
        }
        return new BundleCheck("chain to head", true, "the chain reaches the head at export, seq " + seq);
    }

    private BundleCheck replayCheck(AuditBundle bundle) {
        String inputText = AuditBundle.exactText(bundle.input(), bundle.inputText());
        String adviceText = AuditBundle.exactText(bundle.advice(), bundle.adviceText());
        AuditBundle.Record r = bundle.record();
        StoredRecord record = new StoredRecord(r.seq(), r.id(), r.createdAt(), r.country(), r.asOf(), r.role(), r.keyId(),
                r.ruleSetVersion(), r.factBaseVersion(), inputText, adviceText, r.prevHash(), r.hash());
        try {
            ReplayResult result = new Replayer(evaluator).replay(record, new Replayer.Contents() {
                @Override
                public Map<String, String> ruleSet(String version) {
                    return bundle.ruleSet().files();
                }

                @Override
                public Map<String, String> factBase(String version) {
                    return bundle.factBase().files();
                }
            });
            return new BundleCheck("replay", result.identical(), result.identical()
                    ? "re-evaluating the input with the bundled rules and facts gives the same advice"
                    : "re-evaluation differs: " + result.differences());
        } catch (RuntimeException e) {
            return new BundleCheck("replay", false, e.getMessage());
        }
    }

    private static String versionOf(AuditBundle.Contents contents) {
        if (contents == null || contents.files() == null) {
            return null;
        }
        List<byte[]> texts = new ArrayList<>();
        new TreeMap<>(contents.files()).values().forEach(text -> texts.add(text.getBytes(StandardCharsets.UTF_8)));
        return ContentHash.ofContents(texts);
    }
}
