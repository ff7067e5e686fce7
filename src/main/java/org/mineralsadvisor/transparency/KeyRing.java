package org.mineralsadvisor.transparency;

import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.KeyConflictException;
import org.mineralsadvisor.audit.KeyRecord;
import org.mineralsadvisor.audit.KeyRequest;
import org.mineralsadvisor.provenance.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The deployment's signing key and its place in the log. One key per deployment, not per
 * instance: a checkpoint says what the one log held, whichever instance signed it, and an auditor
 * holds one public key. Instances sharing a store therefore share the key file (a mounted secret);
 * an instance whose key is not the log's current key refuses to start.
 *
 * <p>Rotation writes the new key beside the old one ({@code <file>.next}) before the log names it,
 * then moves the old key aside ({@code <file>.<key id>.retired}) and the new one into place: a crash
 * in between leaves either the old key current, or the new key in the log and on disk, which the
 * next start completes.
 */
public final class KeyRing {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);

    private final AuditStore store;
    private final Path file;
    private final Clock clock;
    private final String logId;
    private volatile SigningKey key;

    private KeyRing(AuditStore store, Path file, Clock clock, String logId, SigningKey key) {
        this.store = store;
        this.file = file;
        this.clock = clock;
        this.logId = logId;
        this.key = key;
    }

    /**
     * Reads (or makes, on the first start) the key at {@code file} and makes sure the log names it
     * as its current key, introducing it when the log has none yet.
     * @throws KeyRingException when the key cannot be read or is not the log's current key
     */
    public static KeyRing open(AuditStore store, Path file, Clock clock) {
        String logId = store.logId();
        finishRotation(store, file);
        if (!Files.exists(file)) {
            List<KeyRecord> keys = store.keys();
            if (!keys.isEmpty()) {
                KeyRecord current = keys.get(keys.size() - 1);
                throw new KeyRingException("the audit log is signed with key " + current.keyId() + " (seq "
                        + current.seq() + "), and there is no key file at " + file.toAbsolutePath().normalize()
                        + ": give this instance the deployment's key file (--signing-key or ADVISOR_SIGNING_KEY); a new "
                        + "key is made only for a log that has none");
            }
        }
        SigningKey key;
        try {
            key = SigningKey.loadOrGenerate(file);
        } catch (SigningKey.KeyFileException e) {
            throw new KeyRingException(e.getMessage());
        }
        warnIfReadableByOthers(file);
        KeyRing ring = new KeyRing(store, file, clock, logId, key);
        ring.register();
        return ring;
    }

    /** Where the key lives unless configured: beside a SQLite store, else {@code data/} in the working directory. */
    public static Path defaultFile(String db) {
        String name = "audit-signing-key.pem";
        if (db.startsWith("jdbc:postgresql:")) {
            return Path.of("data", name);
        }
        String path = db.startsWith("jdbc:sqlite:") ? db.substring("jdbc:sqlite:".length()) : db;
        int query = path.indexOf('?');
        Path parent = Path.of(query < 0 ? path : path.substring(0, query)).toAbsolutePath().getParent();
        return (parent == null ? Path.of(".") : parent).resolve(name);
    }

    public String logId() {
        return logId;
    }

    public Path file() {
        return file;
    }

    public SigningKey key() {
        return key;
    }

    private void register() {
        for (int attempt = 0; attempt < 2; attempt++) {
            KeyHistory history = KeyHistory.of(logId, store.keys());
            if (!history.intact()) {
                throw new KeyRingException("the audit log's key history is broken: " + history.problems().get(0));
            }
            Optional<KeyRecord> current = history.current();
            if (current.isEmpty()) {
                try {
                    introduceFirst();
                    LOG.info("audit signing key {} introduced into the log (from {})", key.keyId(),
                            file.toAbsolutePath().normalize());
                    return;
                } catch (KeyConflictException e) {
                    continue; // another instance introduced a key first: compare with it
                }
            }
            if (current.get().keyId().equals(key.keyId())) {
                return;
            }
            throw new KeyRingException(mismatch(history, current.get(), key));
        }
        throw new KeyRingException("could not introduce the signing key: the log's keys kept changing");
    }

    private String mismatch(KeyHistory history, KeyRecord current, SigningKey mine) {
        if (history.record(mine.keyId()).isPresent()) {
            return "the signing key in " + file + " (" + mine.keyId() + ") was succeeded in the audit log by key "
                    + current.keyId() + " (seq " + current.seq() + "): give this instance the current key file";
        }
        return "the audit log is signed with key " + current.keyId() + " (seq " + current.seq() + "), but the signing "
                + "key in " + file + " is " + mine.keyId() + ": every instance sharing a store signs with the same key "
                + "(give each the same key file with --signing-key or ADVISOR_SIGNING_KEY), and a new key enters the "
                + "log only by rotation (advisor audit rotate-key)";
    }

    private void introduceFirst() {
        String at = Timestamps.format(clock.instant());
        String publicKey = Ed25519.encoded(key.publicKey());
        String statement = Statements.key(logId, key.keyId(), publicKey, null, at);
        store.appendKey(new KeyRequest(recordId(key), at, key.keyId(), publicKey, null, null, key.sign(statement)));
    }

    private static String recordId(SigningKey key) {
        return "key_" + key.keyId().substring(0, 16);
    }

    /**
     * The key to sign with now: the one held, or, when the log has moved on to another key (a
     * rotation made elsewhere), the key file read again if it now holds that key.
     * @throws KeyRingException when this instance does not hold the log's current key
     */
    public synchronized SigningKey current() {
        KeyHistory history = KeyHistory.of(logId, store.keys());
        if (!history.intact()) {
            throw new KeyRingException("the audit log's key history is broken: " + history.problems().get(0));
        }
        KeyRecord current = history.current().orElseThrow(() -> new KeyRingException("the audit log has no signing key"));
        if (current.keyId().equals(key.keyId())) {
            return key;
        }
        try {
            SigningKey reread = SigningKey.load(file);
            if (reread.keyId().equals(current.keyId())) {
                LOG.info("audit signing key {} (rotated elsewhere) read from {}", reread.keyId(), file);
                key = reread;
                return key;
            }
        } catch (SigningKey.KeyFileException e) {
            LOG.warn("{}", e.getMessage());
        }
        throw new KeyRingException(mismatch(history, current, key));
    }

    /**
     * Introduces a new key, endorsed by the current one, and signs with it from now on.
     * @return the new key's record
     */
    public synchronized KeyRecord rotate() {
        SigningKey old = current();
        Path next = file.resolveSibling(file.getFileName() + ".next");
        SigningKey fresh;
        try {
            Files.deleteIfExists(next);
            fresh = SigningKey.generate().writeNew(next);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new KeyRingException("another rotation is in progress (" + next + " appeared meanwhile): look at "
                    + "GET /v1/audit/keys, then try again if it did not complete");
        } catch (IOException e) {
            throw new KeyRingException("cannot write the new signing key to " + next + ": " + e.getMessage());
        }
        String at = Timestamps.format(clock.instant());
        String publicKey = Ed25519.encoded(fresh.publicKey());
        String statement = Statements.key(logId, fresh.keyId(), publicKey, old.keyId(), at);
        long seq = store.appendKey(new KeyRequest(recordId(fresh), at, fresh.keyId(), publicKey, old.keyId(),
                old.sign(statement), fresh.sign(statement)));
        finishRotation(store, file);
        key = SigningKey.load(file);
        LOG.info("audit signing key rotated: {} succeeds {} at seq {}", fresh.keyId(), old.keyId(), seq);
        return store.keys().stream().filter(k -> k.seq() == seq).findFirst().orElseThrow();
    }

    /** Completes a rotation whose new key the log already names: the old file retires, the new one takes its place. */
    private static void finishRotation(AuditStore store, Path file) {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        if (!Files.exists(next)) {
            return;
        }
        SigningKey nextKey;
        try {
            nextKey = SigningKey.load(next);
        } catch (SigningKey.KeyFileException e) {
            return;
        }
        var keys = store.keys();
        boolean named = !keys.isEmpty() && keys.get(keys.size() - 1).keyId().equals(nextKey.keyId());
        try {
            if (!named) {
                Files.deleteIfExists(next); // a rotation that never reached the log
                return;
            }
            if (Files.exists(file)) {
                // Only the retired key's public half is kept: its private half could still sign
                // states before its successor, and nothing needs it any more.
                SigningKey old = SigningKey.load(file);
                Files.writeString(retiredFile(file, old.keyId()), old.publicPem());
            }
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | SigningKey.KeyFileException e) {
            throw new KeyRingException("cannot put the rotated signing key in place at " + file + ": " + e.getMessage());
        }
    }

    /** Where a retired key's public half is kept: {@code <file>.<first 16 hex digits of its id>.retired}. */
    public static Path retiredFile(Path file, String keyId) {
        return file.resolveSibling(file.getFileName() + "." + keyId.substring(0, 16) + ".retired");
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                LOG.warn("the signing key {} is readable by others ({}): chmod 600 it", file,
                        java.nio.file.attribute.PosixFilePermissions.toString(permissions));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions here: nothing to check
        }
    }

    /** The key cannot be used for this log; the message says why and what to do. */
    public static final class KeyRingException extends RuntimeException {
        public KeyRingException(String message) {
            super(message);
        }
    }
}
