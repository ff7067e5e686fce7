package org.mineralsadvisor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.app.Application;
import org.mineralsadvisor.audit.JdbcAuditStore;
import org.mineralsadvisor.audit.LogRewrite;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.config.Settings;
import org.mineralsadvisor.transparency.SigningKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** advisor audit verify --checkpoint/--key and advisor audit rotate-key, on a store the service wrote. */
class AuditCheckpointCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path db;
    Path kept;
    Path publicKey;

    /** Three advice (seq 3 to 5), a checkpoint of seq 5 kept, and the public key, as an auditor would keep them. */
    @BeforeEach
    void serveAndKeepACheckpoint() throws Exception {
        db = dir.resolve("advisor.db");
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.PORT, "0");
        flags.put(Setting.DB, db.toString());
        flags.put(Setting.EVALUATION_TIMEOUT_MS, "120000");
        try (Application app = Application.start(Settings.resolve(flags, Map.of(), null))) {
            HttpClient http = HttpClient.newHttpClient();
            for (String sample : new String[]{"india", "japan", "germany"}) {
                http.send(HttpRequest.newBuilder(URI.create(app.url() + "/v1/advice"))
                        .POST(HttpRequest.BodyPublishers.ofFile(Path.of("samples", sample + ".json"))).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            kept = Files.writeString(dir.resolve("checkpoint.json"), http.send(HttpRequest.newBuilder(
                            URI.create(app.url() + "/v1/audit/checkpoint")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            publicKey = Files.writeString(dir.resolve("log-key.pem"), JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create(app.url() + "/v1/audit/key")).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .get("pem").asText());
        }
        assertThat(JSON.readTree(kept.toFile()).get("seq").asLong()).isEqualTo(5);
    }

    private static AuditCliTest.Run run(String... args) {
        return AuditCliTest.run(args);
    }

    @Test
    void the_log_extends_a_kept_checkpoint_checked_against_the_auditors_key() {
        AuditCliTest.Run ok = run("audit", "verify", "--db", db.toString(), "--checkpoint", kept.toString(),
                "--key", publicKey.toString());
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("valid: 5 record(s)").contains("1 signing key(s)")
                .contains("consistent: checkpoint " + kept + " (seq 5")
                .contains("signature ok, checked against your key " + publicKey)
                .contains("the log extends the checkpoint at seq 5 to the head at seq 5");
        AuditCliTest.Run tofu = run("audit", "verify", "--db", db.toString(), "--checkpoint", kept.toString());
        assertThat(tofu.code()).isZero();
        assertThat(tofu.out()).contains("trust on first use");
    }

    @Test
    void a_rewritten_history_fails_against_the_kept_checkpoint_even_with_the_stored_ones_deleted() throws Exception {
        try (JdbcAuditStore store = JdbcAuditStore.open(db.toString(), new SimpleMeterRegistry());
             Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            LogRewrite.rewriteFrom(store, c, 4);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM checkpoints");
            }
            assertThat(store.verify().valid()).as("the attacker recomputed every hash").isTrue();
        }
        assertThat(run("audit", "verify", "--db", db.toString()).code()).as("nothing in the store tells").isZero();
        AuditCliTest.Run caught = run("audit", "verify", "--db", db.toString(), "--checkpoint", kept.toString(),
                "--key", publicKey.toString());
        assertThat(caught.code()).isEqualTo(1);
        assertThat(caught.out()).contains("INCONSISTENT: checkpoint " + kept)
                .contains("the log was rewritten: record 5").contains("now hashes to");
    }

    @Test
    void with_stored_checkpoints_left_verify_alone_names_the_rewrite() throws Exception {
        try (JdbcAuditStore store = JdbcAuditStore.open(db.toString(), new SimpleMeterRegistry());
             Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            LogRewrite.rewriteFrom(store, c, 5);
        }
        AuditCliTest.Run broken = run("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN").contains("no longer extends the checkpoint of seq 5")
                .contains("record 5");
    }

    @Test
    void a_forged_checkpoint_or_someone_elses_key_is_refused_and_a_bad_file_named() throws Exception {
        ObjectNode forged = (ObjectNode) JSON.readTree(kept.toFile());
        forged.put("seq", 4);
        Path forgedFile = Files.writeString(dir.resolve("forged.json"), forged.toString());
        AuditCliTest.Run refused = run("audit", "verify", "--db", db.toString(), "--checkpoint", forgedFile.toString(),
                "--key", publicKey.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("FORGED: checkpoint " + forgedFile).contains("the signature is not key");

        Path otherKey = Files.writeString(dir.resolve("other.pem"), SigningKey.generate().publicPem());
        AuditCliTest.Run notMine = run("audit", "verify", "--db", db.toString(), "--checkpoint", kept.toString(),
                "--key", otherKey.toString());
        assertThat(notMine.code()).isEqualTo(1);
        assertThat(notMine.out()).contains("does not contain your key");

        ObjectNode broken = (ObjectNode) JSON.readTree(kept.toFile());
        broken.put("seq", "five");
        Path brokenFile = Files.writeString(dir.resolve("broken.json"), broken.toString());
        AuditCliTest.Run bad = run("audit", "verify", "--db", db.toString(), "--checkpoint", brokenFile.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains(brokenFile + ": $.seq: expected a whole number");
        // Without a checkpoint, --key still counts: the log's key history must hold it.
        AuditCliTest.Run strange = run("audit", "verify", "--db", db.toString(), "--key", otherKey.toString());
        assertThat(strange.code()).isEqualTo(1);
        assertThat(strange.out()).contains("BROKEN: your key").contains("is not in the log's key history");
        AuditCliTest.Run noKey = run("audit", "verify", "--db", db.toString(), "--key", dir.resolve("nope.pem").toString());
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.err()).contains("nope.pem: cannot read the key");
    }

    @Test
    void a_checkpoint_of_another_log_is_named_as_such() throws Exception {
        ObjectNode other = (ObjectNode) JSON.readTree(kept.toFile());
        other.put("logId", "00000000-0000-0000-0000-000000000000");
        Path file = Files.writeString(dir.resolve("other-log.json"), other.toString());
        AuditCliTest.Run run = run("audit", "verify", "--db", db.toString(), "--checkpoint", file.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("OTHER LOG: checkpoint " + file)
                .contains("it is a checkpoint of log 00000000-0000-0000-0000-000000000000");
        ObjectNode badSignature = (ObjectNode) JSON.readTree(kept.toFile());
        badSignature.put("signature", "not base64!");
        Path bad = Files.writeString(dir.resolve("bad-signature.json"), badSignature.toString());
        AuditCliTest.Run malformed = run("audit", "verify", "--db", db.toString(), "--checkpoint", bad.toString());
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).contains("$.signature: not base64");
        Path truncated = Files.writeString(dir.resolve("truncated.json"), "{");
        AuditCliTest.Run cut = run("audit", "verify", "--db", db.toString(), "--checkpoint", truncated.toString());
        assertThat(cut.code()).isEqualTo(2);
        assertThat(cut.err()).contains("not JSON: line 1").doesNotContain("Source");
    }

    @Test
    void rotate_key_introduces_an_endorsed_key_and_old_checkpoints_still_verify_with_the_old_key() throws Exception {
        Path keyFile = dir.resolve("audit-signing-key.pem");
        String oldId = SigningKey.load(keyFile).keyId();
        Path oldPrivate = Files.copy(keyFile, dir.resolve("old-private.pem"));
        AuditCliTest.Run rotated = run("audit", "rotate-key", "--db", db.toString());
        assertThat(rotated.code()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("succeeds " + oldId).contains("at seq 6");
        assertThat(SigningKey.load(keyFile).keyId()).isNotEqualTo(oldId);
        Path retired = dir.resolve("audit-signing-key.pem." + oldId.substring(0, 16) + ".retired");
        assertThat(retired).exists();

        AuditCliTest.Run ok = run("audit", "verify", "--db", db.toString(), "--checkpoint", kept.toString(),
                "--key", publicKey.toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("2 signing key(s)").contains("the head at seq 6");

        assertThat(Files.readString(retired)).doesNotContain("PRIVATE KEY");
        AuditCliTest.Run again = run("audit", "rotate-key", "--db", db.toString(), "--signing-key", oldPrivate.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("was succeeded in the audit log by key");
    }
}
