package org.mineralsadvisor.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.transparency.CheckpointRefusedException;
import org.mineralsadvisor.transparency.CheckpointSignature;
import org.mineralsadvisor.transparency.Checkpointer;
import org.mineralsadvisor.transparency.Consistency;
import org.mineralsadvisor.transparency.KeyHistory;
import org.mineralsadvisor.transparency.KeyRing;
import org.mineralsadvisor.transparency.LogVerifier;
import org.mineralsadvisor.transparency.SigningKey;
import org.mineralsadvisor.transparency.TrustedKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signed checkpoints against an attacker with write access to the database: run on SQLite and on
 * PostgreSQL. The attacker rewrites records and recomputes every hash after them (the chain then
 * verifies); only a checkpoint signed before the rewrite can tell.
 */
abstract class SignedLogContract {
    @TempDir
    Path dir;
    protected JdbcAuditStore store;
    private KeyRing ring;
    private Checkpointer checkpointer;

    protected abstract String freshDatabase();

    protected abstract Connection rawConnection() throws SQLException;

    @BeforeEach
    void open() {
        store = JdbcAuditStore.open(freshDatabase(), new SimpleMeterRegistry());
        ring = KeyRing.open(store, dir.resolve("key.pem"), Clock.systemUTC());
        checkpointer = new Checkpointer(store, ring, 0, 0, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        checkpointer.close();
        store.close();
    }

    /** Appends advice records up to seq {@code last} (seq 1 is the key). */
    private void appendThrough(long last) {
        while (store.head().seq() < last) {
            long next = store.head().seq() + 1;
            store.append(AuditStoreContract.record("adv_" + next, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        }
    }

    @Test
    void the_first_start_makes_an_owner_only_key_and_introduces_it_as_seq_1() throws Exception {
        Path key = dir.resolve("key.pem");
        assertThat(Files.readString(key)).contains("-----BEGIN PRIVATE KEY-----").contains("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        List<KeyRecord> keys = store.keys();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).seq()).isEqualTo(1);
        assertThat(keys.get(0).keyId()).isEqualTo(ring.key().keyId()).isEqualTo(SigningKey.load(key).keyId());
        assertThat(store.verify().valid()).isTrue();
        // A restart with the same file introduces nothing.
        KeyRing.open(store, key, Clock.systemUTC());
        assertThat(store.keys()).hasSize(1);
        assertThat(store.head().seq()).isEqualTo(1);
    }

    @Test
    void a_checkpoint_verifies_and_a_forged_one_is_refused() {
        appendThrough(3);
        Checkpoint signed = checkpointer.signNow();
        assertThat(signed.seq()).isEqualTo(3);
        assertThat(signed.headHash()).isEqualTo(store.head().hash());
        KeyHistory history = KeyHistory.of(store.logId(), store.keys());
        assertThat(CheckpointSignature.check(signed, history, null).valid()).isTrue();

        Checkpoint otherSeq = new Checkpoint(signed.logId(), 2, store.hashAt(2).orElseThrow(), signed.time(),
                signed.keyId(), signed.signature());
        assertThat(CheckpointSignature.check(otherSeq, history, null).problem()).contains("not key").contains("signature");
        Checkpoint otherTime = new Checkpoint(signed.logId(), 3, signed.headHash(), "2020-01-01T00:00:00.000Z",
                signed.keyId(), signed.signature());
        assertThat(CheckpointSignature.check(otherTime, history, null).valid()).isFalse();
        // Signed by a key the attacker made: not in the key history, not the auditor's key.
        SigningKey attacker = SigningKey.generate();
        Checkpoint forged = new Checkpoint(signed.logId(), 3, signed.headHash(), signed.time(), attacker.keyId(),
                attacker.sign(org.mineralsadvisor.transparency.Statements.checkpoint(signed.logId(), 3,
                        signed.headHash(), signed.time(), attacker.keyId())));
        assertThat(CheckpointSignature.check(forged, history, null).problem()).contains("not in the log's key history");
        assertThat(CheckpointSignature.check(signed, history, null).how()).contains("trust on first use");
    }

    @Test
    void a_forged_stored_checkpoint_fails_verify() throws Exception {
        appendThrough(3);
        checkpointer.signNow();
        assertThat(LogVerifier.verify(store).valid()).isTrue();
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE checkpoints SET seq = 2 WHERE seq = 3");
        }
        LogVerifier.Report report = LogVerifier.verify(store);
        assertThat(report.valid()).isFalse();
        assertThat(report.problem()).contains("stored checkpoint of seq 2").contains("signature");
    }

    @Test
    void a_rewritten_suffix_passes_the_chain_check_but_not_an_earlier_checkpoint() throws Exception {
        appendThrough(4);
        checkpointer.signNow(); // seq 4: the log agrees with it after the rewrite
        appendThrough(5);
        checkpointer.signNow(); // seq 5: the first record the attacker rewrites
        appendThrough(7);
        Checkpoint kept = checkpointer.signNow(); // seq 7: the one the auditor kept

        rewriteFrom(5);
        assertThat(store.verify().valid()).as("the rewrite recomputed every hash").isTrue();

        Consistency.Result result = Consistency.check(store, kept, store.verify(), store.checkpoints(null, 100));
        assertThat(result.consistent()).isFalse();
        assertThat(result.reason()).contains("the log was rewritten: record 7 (adv_7)")
                .contains("record 5 (adv_5) is the first that differs");
        assertThat(result.firstDifferent()).isEqualTo(5);

        LogVerifier.Report report = LogVerifier.verify(store);
        assertThat(report.valid()).isFalse();
        assertThat(report.firstBroken()).isEqualTo("adv_5");
        assertThat(report.firstBrokenSeq()).isEqualTo(5);

        assertThatThrownBy(checkpointer::signNow).isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("no longer extends the checkpoint at seq 7");
        try (Checkpointer fresh = new Checkpointer(store, ring, 0, 0, Clock.systemUTC(), new SimpleMeterRegistry())) {
            assertThatThrownBy(fresh::signNow).isInstanceOf(CheckpointRefusedException.class);
        }

        // Deleting the stored checkpoints too hides the rewrite from verify, not from a kept checkpoint.
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM checkpoints");
        }
        assertThat(LogVerifier.verify(store).valid()).isTrue();
        Consistency.Result alone = Consistency.check(store, kept, store.verify(), List.of());
        assertThat(alone.consistent()).isFalse();
        assertThat(alone.reason()).contains("record 7 (adv_7) now hashes to")
                .contains("the first record that differs is one of seq 1 to 7");
    }

    @Test
    void the_signer_checks_what_came_after_its_last_checkpoint_and_refuses_a_broken_link() throws Exception {
        appendThrough(3);
        checkpointer.signNow();
        appendThrough(5);
        assertThat(store.verifyAfter(3, store.hashAt(3).orElseThrow())).isEqualTo(store.verify());
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE advice_records SET country = 'CHN' WHERE seq = 5");
        }
        ChainStatus after = store.verifyAfter(3, store.hashAt(3).orElseThrow());
        assertThat(after.valid()).isFalse();
        assertThat(after.firstBrokenSeq()).isEqualTo(5);
        assertThatThrownBy(checkpointer::signNow).isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("broken at record 5 (adv_5)");
    }

    @Test
    void a_log_that_only_grew_extends_the_checkpoint() {
        appendThrough(3);
        Checkpoint kept = checkpointer.signNow();
        appendThrough(6);
        Consistency.Result result = Consistency.check(store, kept, store.verify(), List.of());
        assertThat(result.consistent()).as(result.reason()).isTrue();
        assertThat(result.reason()).isEqualTo("the log extends the checkpoint at seq 3 to the head at seq 6");
    }

    @Test
    void removed_records_fail_the_checkpoint() throws Exception {
        appendThrough(5);
        Checkpoint kept = checkpointer.signNow();
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM advice_recommendations WHERE seq >= 4");
            s.executeUpdate("DELETE FROM advice_policies WHERE seq >= 4");
            s.executeUpdate("DELETE FROM advice_records WHERE seq >= 4");
            try (PreparedStatement head = c.prepareStatement("UPDATE chain_head SET seq = 3, hash = ? WHERE id = 1")) {
                head.setString(1, store.hashAt(3).orElseThrow());
                head.executeUpdate();
            }
        }
        assertThat(store.verify().valid()).isTrue();
        Consistency.Result result = Consistency.check(store, kept, store.verify(), List.of());
        assertThat(result.consistent()).isFalse();
        assertThat(result.reason()).contains("the log has no record 5").contains("removed");
    }

    @Test
    void rotation_keeps_old_checkpoints_verifiable_and_links_the_keys() throws Exception {
        appendThrough(2);
        Checkpoint before = checkpointer.signNow();
        TrustedKey first = TrustedKey.read(writePublic("first.pem", ring.key()));
        Path oldPrivate = Files.copy(dir.resolve("key.pem"), dir.resolve("old-private.pem"));
        KeyRecord rotated = ring.rotate();
        assertThat(rotated.previousKeyId()).isEqualTo(first.keyId());
        assertThat(ring.key().keyId()).isEqualTo(rotated.keyId());
        assertThat(SigningKey.load(dir.resolve("key.pem")).keyId()).isEqualTo(rotated.keyId());
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .contains("key.pem." + first.keyId().substring(0, 16) + ".retired");
        appendThrough(4);
        Checkpoint after = checkpointer.signNow();
        assertThat(after.keyId()).isEqualTo(rotated.keyId());

        KeyHistory history = KeyHistory.of(store.logId(), store.keys());
        assertThat(history.intact()).as(String.join("; ", history.problems())).isTrue();
        TrustedKey second = TrustedKey.read(writePublic("second.pem", ring.key()));
        for (TrustedKey trusted : List.of(first, second)) {
            assertThat(CheckpointSignature.check(before, history, trusted).valid()).isTrue();
            assertThat(CheckpointSignature.check(after, history, trusted).valid()).isTrue();
        }
        assertThat(store.verify().valid()).isTrue();
        assertThat(LogVerifier.verify(store).valid()).isTrue();

        // Only the retired key's public half is kept, and its private half cannot sign for the log any more.
        Path retired = dir.resolve("key.pem." + first.keyId().substring(0, 16) + ".retired");
        assertThat(Files.readString(retired)).contains("PUBLIC KEY").doesNotContain("PRIVATE KEY");
        assertThatThrownBy(() -> KeyRing.open(store, oldPrivate, Clock.systemUTC()))
                .isInstanceOf(KeyRing.KeyRingException.class).hasMessageContaining("was succeeded");
        // A leaked retired key cannot vouch for a state after its successor's record (seq 3).
        SigningKey leaked = SigningKey.load(oldPrivate);
        String time = org.mineralsadvisor.provenance.Timestamps.format(java.time.Instant.now());
        Checkpoint byRetired = new Checkpoint(store.logId(), 4, store.hashAt(4).orElseThrow(), time, leaked.keyId(),
                leaked.sign(org.mineralsadvisor.transparency.Statements.checkpoint(store.logId(), 4,
                        store.hashAt(4).orElseThrow(), time, leaked.keyId())));
        assertThat(CheckpointSignature.check(byRetired, history, null).problem())
                .contains("the log retired that key at seq 3").contains("cannot sign later states");
        assertThat(CheckpointSignature.check(byRetired, history, first).valid()).isFalse();
    }

    @Test
    void a_key_not_endorsed_by_its_predecessor_breaks_the_history() throws Exception {
        ring.rotate();
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            // Swap in a signature by another key and recompute the hash, as an attacker with the database would.
            s.executeUpdate("UPDATE key_records SET endorsement = proof WHERE seq = 2");
        }
        rehash(2);
        assertThat(store.verify().valid()).isTrue();
        KeyHistory history = KeyHistory.of(store.logId(), store.keys());
        assertThat(history.intact()).isFalse();
        assertThat(history.problems().get(0)).contains("endorsement is not the signature of the previous key");
        assertThat(LogVerifier.verify(store).valid()).isFalse();
    }

    @Test
    void an_instance_with_another_key_or_none_refuses_to_join_the_log() throws Exception {
        Path other = dir.resolve("other.pem");
        SigningKey.generate().writeNew(other);
        assertThatThrownBy(() -> KeyRing.open(store, other, Clock.systemUTC()))
                .isInstanceOf(KeyRing.KeyRingException.class)
                .hasMessageContaining("the audit log is signed with key " + ring.key().keyId())
                .hasMessageContaining("every instance sharing a store signs with the same key");
        // Without a key file, it says so before making a key that could never sign for this log.
        Path none = dir.resolve("none.pem");
        assertThatThrownBy(() -> KeyRing.open(store, none, Clock.systemUTC()))
                .isInstanceOf(KeyRing.KeyRingException.class)
                .hasMessageContaining("the audit log is signed with key " + ring.key().keyId())
                .hasMessageContaining("there is no key file at");
        assertThat(none).doesNotExist();
        assertThat(store.keys()).hasSize(1);
    }

    private Path writePublic(String name, SigningKey key) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, key.publicPem());
        return file;
    }

    private void rewriteFrom(long from) throws SQLException {
        try (Connection c = rawConnection()) {
            LogRewrite.rewriteFrom(store, c, from);
        }
    }

    private void rehash(long from) throws SQLException {
        try (Connection c = rawConnection()) {
            LogRewrite.rehash(store, c, from);
        }
    }
}
