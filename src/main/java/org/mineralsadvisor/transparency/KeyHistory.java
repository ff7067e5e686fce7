package org.mineralsadvisor.transparency;

import org.mineralsadvisor.audit.KeyRecord;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The log's signing keys in order, each checked: its id is its public key's hash, it signed its
 * own statement (it holds the private key), it names the key before it, and that key signed the
 * same statement (endorsement). So the keys form one line of trust: a key's statement names its
 * predecessor, and its predecessor signed it; whoever trusts one key of an intact history can trust
 * all of them, which is how a checkpoint signed before a rotation stays verifiable after it.
 */
public final class KeyHistory {
    private final List<KeyRecord> records;
    private final Map<String, PublicKey> keys = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private KeyHistory(String logId, List<KeyRecord> records) {
        this.records = List.copyOf(records);
        String previous = null;
        PublicKey previousKey = null;
        for (KeyRecord k : records) {
            String where = "key record " + k.id() + " (seq " + k.seq() + ")";
            PublicKey key;
            try {
                key = Ed25519.publicKey(k.publicKey());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                return;
            }
            String statement = Statements.key(logId, k);
            if (!Ed25519.keyId(key).equals(k.keyId())) {
                problems.add(where + ": its key id is not the SHA-256 of its public key");
            } else if (!java.util.Objects.equals(previous, k.previousKeyId())) {
                problems.add(where + ": it names " + (k.previousKeyId() == null ? "no previous key"
                        : "previous key " + k.previousKeyId()) + ", but the key before it is "
                        + (previous == null ? "none" : previous));
            } else if (previousKey == null && k.endorsement() != null && !k.endorsement().isEmpty()) {
                problems.add(where + ": it is the log's first key, so nothing can have endorsed it, yet it carries an "
                        + "endorsement");
            } else if (!Ed25519.verify(key, statement, k.proof())) {
                problems.add(where + ": its proof is not its own key's signature of its statement (log " + logId + ")");
            } else if (previousKey != null && !Ed25519.verify(previousKey, statement, k.endorsement())) {
                problems.add(where + ": its endorsement is not the signature of the previous key " + previous);
            }
            if (!problems.isEmpty()) {
                return;
            }
            keys.put(k.keyId(), key);
            previous = k.keyId();
            previousKey = key;
        }
    }

    /** Checks the records (in seq order) as keys of the log {@code logId}. */
    public static KeyHistory of(String logId, List<KeyRecord> records) {
        return new KeyHistory(logId, records);
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    /** The first problem (the history is read no further), or empty. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public List<KeyRecord> records() {
        return records;
    }

    /** A key of the intact part of the history, by id. */
    public Optional<PublicKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public Optional<KeyRecord> record(String keyId) {
        return records.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    /**
     * The seq of the record that succeeded the key (from which on it may not sign: the log's
     * states from then on are its successor's); empty for the current key or an unknown one.
     */
    public Optional<Long> succeededAt(String keyId) {
        for (int i = 0; i < records.size() - 1; i++) {
            if (records.get(i).keyId().equals(keyId)) {
                return Optional.of(records.get(i + 1).seq());
            }
        }
        return Optional.empty();
    }

    /** The latest key of the intact part; empty when there is none. */
    public Optional<KeyRecord> current() {
        return records.isEmpty() || !intact() ? Optional.empty() : Optional.of(records.get(records.size() - 1));
    }
}
