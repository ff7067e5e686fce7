package org.mineralsadvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.app.Application;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.config.Settings;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mineralsadvisor.audit.ActivationRequest;
import org.mineralsadvisor.audit.AuditRecord;
import org.mineralsadvisor.audit.JdbcAuditStore;
import org.mineralsadvisor.replay.Bundle;
import org.mineralsadvisor.replay.BundleVerifier;
import org.mineralsadvisor.transparency.SigningKey;
import org.mineralsadvisor.transparency.Statements;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** advisor audit verify / export / verify-bundle / replay against a store the service wrote. */
class AuditCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path db;
    List<String> ids = new ArrayList<>();

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void adviseThrice() throws Exception {
        db = dir.resolve("advisor.db");
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.PORT, "0");
        flags.put(Setting.DB, db.toString());
        flags.put(Setting.EVALUATION_TIMEOUT_MS, "120000"); // a loaded machine must not time the samples out
        try (Application app = Application.start(Settings.resolve(flags, Map.of(), null))) {
            HttpClient http = HttpClient.newHttpClient();
            for (String sample : List.of("india", "japan", "germany")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/v1/advice"))
                                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("samples", sample + ".json"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                ids.add(JSON.readTree(response.body()).get("id").asText());
            }
            // What an auditor keeps: the log's public key (its PEM, and the JSON it came in).
            String key = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/v1/audit/key")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Files.writeString(dir.resolve("key.json"), key);
            Files.writeString(dir.resolve("key.pem"), JSON.readTree(key).get("pem").asText());
            // A checkpoint that covers the three advice (the service signs one a minute otherwise).
            HttpResponse<String> signed = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/v1/audit/checkpoint"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
            assertThat(JSON.readTree(signed.body()).get("seq").asLong()).isEqualTo(5);
        }
    }

    @Test
    void verify_exits_0_on_an_intact_chain_and_1_naming_the_first_record_edited_in_the_file() throws Exception {
        Run ok = run("audit", "verify", "--db", db.toString());
        assertThat(ok.code()).isZero();
        // The rule set's first activation, the signing key and the three advice.
        assertThat(ok.out()).contains("valid: 5 record(s), chain intact in " + db.toAbsolutePath().normalize());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE advice_records SET key_id = 'someone-else' WHERE id = '" + ids.get(1) + "'");
        }
        Run broken = run("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN").contains(ids.get(1)).contains("read from " + db.toAbsolutePath().normalize());
    }

    @Test
    void verify_names_the_record_whose_search_row_was_deleted_in_the_file() throws Exception {
        long seq;
        String policy;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT a.seq, MIN(p.policy_id) FROM advice_records a JOIN advice_policies p "
                    + "ON p.seq = a.seq WHERE a.id = '" + ids.get(1) + "' GROUP BY a.seq")) {
                assertThat(rs.next()).isTrue();
                seq = rs.getLong(1);
                policy = rs.getString(2);
            }
            s.executeUpdate("DELETE FROM advice_policies WHERE seq = " + seq + " AND policy_id = '" + policy + "'");
        }
        Run broken = run("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).startsWith("BROKEN: first broken record " + ids.get(1) + " (seq " + seq + "): search "
                + "rows do not match the record: policy " + policy + " is in the advice but has no search row; " + seq
                + " record(s) read from " + db.toAbsolutePath().normalize());
    }

    @Test
    void an_exported_bundle_verifies_offline_and_a_tampered_one_does_not() throws Exception {
        Path bundle = dir.resolve("bundle.json");
        Run export = run("audit", "export", ids.get(0), "--db", db.toString(), "--output", bundle.toString());
        assertThat(export.code()).as(export.err()).isZero();
        Run verify = run("audit", "verify-bundle", bundle.toString());
        assertThat(verify.code()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("ok     replay").contains("ok     chain to head").contains("bundle valid");

        ObjectNode tampered = (ObjectNode) JSON.readTree(bundle.toFile());
        ObjectNode files = (ObjectNode) tampered.at("/factBase/files");
        files.put("minerals.csv", files.get("minerals.csv").asText().replace("gallium,Gallium", "gallium,Galium"));
        Path forged = dir.resolve("forged.json");
        Files.writeString(forged, tampered.toString());
        Run rejected = run("audit", "verify-bundle", forged.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.out()).contains("FAILED fact base version").contains("bundle INVALID");

        ObjectNode rewritten = (ObjectNode) JSON.readTree(bundle.toFile());
        ((ObjectNode) rewritten.at("/advice/recommendations/0")).put("priority", "LOW");
        Files.writeString(forged, rewritten.toString());
        Run rehashed = run("audit", "verify-bundle", forged.toString());
        assertThat(rehashed.code()).isEqualTo(1);
        assertThat(rehashed.out()).contains("FAILED advice: advice changed");
    }

    @Test
    void a_bundle_carries_input_and_advice_as_json_and_the_exact_input_text_where_the_value_would_not_give_it_back()
            throws Exception {
        Run export = run("audit", "export", ids.get(0), "--db", db.toString());
        assertThat(export.code()).as(export.err()).isZero();
        JsonNode bundle = JSON.readTree(export.out());
        assertThat(bundle.get("format").asText()).isEqualTo("minerals-advisor/audit-bundle@4");
        assertThat(bundle.get("kind").asText()).isEqualTo("advice");
        assertThat(bundle.at("/advice/recommendations").isArray()).isTrue();
        assertThat(bundle.at("/input/country").asText()).isEqualTo("IND");
        // The sample file is pretty-printed: its exact text travels beside the value, and is what was hashed.
        assertThat(bundle.get("inputText").asText()).isEqualTo(Files.readString(Path.of("samples/india.json")));
        assertThat(bundle.has("adviceText")).isFalse();
        assertThat(bundle.at("/record/inputSha256").asText())
                .isEqualTo(org.mineralsadvisor.audit.ChainHash.sha256(Files.readString(Path.of("samples/india.json"))));
    }

    /** Each way a bundle can be changed, and the part the verifier must name. */
    @Test
    void a_tampered_bundle_names_the_part_that_changed() throws Exception {
        Path file = dir.resolve("bundle.json");
        assertThat(run("audit", "export", ids.get(0), "--db", db.toString(), "--output", file.toString()).code()).isZero();
        ObjectNode original = (ObjectNode) JSON.readTree(file.toFile());
        assertThat(failures(original)).isEmpty();

        Map<String, java.util.function.Consumer<ObjectNode>> tamperings = new java.util.LinkedHashMap<>();
        tamperings.put("record: record field country changed: it says 'JPN', but 'IND'",
                b -> record(b).put("country", "JPN"));
        for (String field : List.of("id", "createdAt", "asOf", "ruleSetVersion", "factBaseVersion", "inputSha256",
                "adviceSha256")) {
            tamperings.put("record: record field " + field + " changed: it says 'forged'", b -> record(b).put(field, "forged"));
        }
        // The advice is the chain's second record (after the rule set's first activation): its prevHash
        // is stated nowhere else in the bundle.
        tamperings.put("record: record field prevHash or role or keyId changed",
                b -> record(b).put("prevHash", "forged"));
        tamperings.put("record: record field seq changed: it says '7', but '3'", b -> record(b).put("seq", 7));
        tamperings.put("record: record field hash changed: it says " + "f".repeat(64),
                b -> record(b).put("hash", "f".repeat(64)));
        tamperings.put("record: record field prevHash or role or keyId changed (nothing else in the bundle states them)",
                b -> record(b).put("role", "auditor"));
        tamperings.put("record: record field prevHash or role or keyId changed", b -> record(b).put("keyId", "someone-else"));
        tamperings.put("input: input changed: it hashes to",
                b -> b.put("inputText", b.get("inputText").asText().replace("\"IND\"", "\"JPN\"")));
        tamperings.put("input: input changed: its JSON value differs from inputText",
                b -> ((ObjectNode) b.get("input")).put("asOf", "1999-01-01"));
        tamperings.put("advice: advice changed: it hashes to",
                b -> ((ObjectNode) b.at("/advice/recommendations/0")).put("priority", "LOW"));
        tamperings.put("advice matches record: advice changed: /country is 'JPN', the record's country is 'IND'",
                b -> ((ObjectNode) b.get("advice")).put("country", "JPN"));
        tamperings.put("rule set version: rule-set file stockpile.drl changed: the files hash to",
                b -> ((ObjectNode) b.at("/ruleSet/files")).put("stockpile.drl", "// nothing"));
        tamperings.put("fact base version: fact-base file minerals.csv changed",
                b -> ((ObjectNode) b.at("/factBase/files")).put("minerals.csv", "id,name\n"));
        tamperings.put("fact base version: fact-base file production.csv removed",
                b -> ((ObjectNode) b.at("/factBase/files")).remove("production.csv"));
        tamperings.put("fact base version: fact base version changed: the bundle's fact base says sha256:forged",
                b -> ((ObjectNode) b.get("factBase")).put("version", "sha256:forged"));
        tamperings.put("chain to head: chain link at seq 4 (" + ids.get(1) + ") changed: its fields do not match its hash",
                b -> ((ObjectNode) b.at("/chain/links/0")).put("country", "CHN"));
        tamperings.put("chain to head: chain link at seq 5 (" + ids.get(2) + ") changed: its prevHash is not the hash of seq 4",
                b -> ((ObjectNode) b.at("/chain/links/1")).put("prevHash", "0".repeat(64)));
        tamperings.put("chain to head: chain head changed: the links reach seq 5",
                b -> ((ObjectNode) b.get("chain")).put("headHash", "e".repeat(64)));

        for (Map.Entry<String, java.util.function.Consumer<ObjectNode>> t : tamperings.entrySet()) {
            ObjectNode forged = original.deepCopy();
            t.getValue().accept(forged);
            List<String> failures = failures(forged);
            assertThat(failures).as(t.getKey() + " in " + failures).anyMatch(f -> f.startsWith(t.getKey()));
        }

        Path forged = dir.resolve("forged.json");
        ObjectNode country = original.deepCopy();
        record(country).put("country", "JPN");
        Files.writeString(forged, country.toString());
        Run cli = run("audit", "verify-bundle", "--no-replay", forged.toString());
        assertThat(cli.code()).isEqualTo(1);
        assertThat(cli.out()).contains("FAILED record: record field country changed");
    }

    @Test
    void a_bundle_of_the_first_format_is_refused_by_name() throws Exception {
        Path file = dir.resolve("bundle.json");
        assertThat(run("audit", "export", ids.get(0), "--db", db.toString(), "--output", file.toString()).code()).isZero();
        ObjectNode old = (ObjectNode) JSON.readTree(file.toFile());
        old.put("format", "minerals-advisor/audit-bundle@1");
        old.put("advice", old.get("advice").toString());
        old.put("input", old.get("inputText").asText());
        old.remove("inputText");
        Files.writeString(file, old.toString());
        Run verify = run("audit", "verify-bundle", file.toString());
        assertThat(verify.code()).isEqualTo(2);
        assertThat(verify.err()).contains("bundle format minerals-advisor/audit-bundle@1 not supported: this version reads "
                + "minerals-advisor/audit-bundle@4 (and minerals-advisor/audit-bundle@3, minerals-advisor/audit-bundle@2)");
    }

    @Test
    void a_bundle_of_format_2_is_still_read_and_verified() throws Exception {
        Path file = dir.resolve("bundle.json");
        assertThat(run("audit", "export", ids.get(0), "--db", db.toString(), "--output", file.toString()).code()).isZero();
        ObjectNode old = (ObjectNode) JSON.readTree(file.toFile());
        old.put("format", "minerals-advisor/audit-bundle@2");
        old.remove("kind");
        old.at("/chain/links").forEach(link -> ((ObjectNode) link).remove("kind"));
        Files.writeString(file, old.toString());
        assertThat(failures(old)).isEmpty();
        Run verify = run("audit", "verify-bundle", "--no-replay", file.toString());
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("bundle valid: advice " + ids.get(0));
        ((ObjectNode) old.at("/chain/links/0")).put("country", "CHN");
        assertThat(failures(old)).anyMatch(f -> f.startsWith("chain to head: chain link at seq 4"));
    }

    @Test
    void a_bundle_of_format_4_carries_a_signed_checkpoint_covering_the_record_and_the_key_history() throws Exception {
        Path file = dir.resolve("bundle.json");
        Run export = run("audit", "export", ids.get(0), "--db", db.toString(), "--output", file.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).isEmpty();
        JsonNode bundle = JSON.readTree(file.toFile());
        JsonNode key = JSON.readTree(dir.resolve("key.json").toFile());
        assertThat(bundle.get("format").asText()).isEqualTo("minerals-advisor/audit-bundle@4");
        assertThat(bundle.get("logId").asText()).isEqualTo(bundle.at("/checkpoint/logId").asText()).isNotBlank();
        // The advice is seq 3; the checkpoint signed after the three advice is seq 5, which the chain reaches.
        assertThat(bundle.at("/checkpoint/seq").asLong()).isEqualTo(5);
        assertThat(bundle.at("/checkpoint/headHash").asText()).isEqualTo(bundle.at("/chain/links/1/hash").asText());
        assertThat(bundle.at("/checkpoint/keyId").asText()).isEqualTo(key.get("keyId").asText());
        assertThat(bundle.get("keys")).hasSize(1);
        assertThat(bundle.at("/keys/0/keyId").asText()).isEqualTo(key.get("keyId").asText());
        assertThat(bundle.at("/keys/0/publicKey").asText()).isEqualTo(key.get("publicKey").asText());
        assertThat(bundle.at("/keys/0/seq").asLong()).isEqualTo(2);
        assertThat(bundle.get("signatureRule").asText()).contains("minerals-advisor/checkpoint@1");

        Run tofu = run("audit", "verify-bundle", "--no-replay", file.toString());
        assertThat(tofu.code()).as(tofu.out()).isZero();
        assertThat(tofu.out()).contains("ok     keys: 1 signing key(s) of log " + bundle.get("logId").asText())
                .contains("ok     checkpoint signature: key " + key.get("keyId").asText() + " signed seq 5")
                .contains("trust on first use")
                .contains("ok     checkpoint covers record: the checkpoint signed seq 5 with the hash the chain from "
                        + "this record (seq 3) reaches there")
                .contains("bundle valid");
        for (String kept : List.of("key.pem", "key.json")) {
            Run withKey = run("audit", "verify-bundle", "--no-replay", "--key", dir.resolve(kept).toString(), file.toString());
            assertThat(withKey.code()).as(withKey.out()).isZero();
            assertThat(withKey.out()).contains("ok     checkpoint signature").contains("checked against your key "
                    + dir.resolve(kept)).doesNotContain("trust on first use");
        }

        Path unreadable = dir.resolve("not-a-key.pem");
        Files.writeString(unreadable, "hello");
        Run badKey = run("audit", "verify-bundle", "--key", unreadable.toString(), file.toString());
        assertThat(badKey.code()).isEqualTo(2);
        assertThat(badKey.err()).contains(unreadable + ": no PUBLIC KEY block");
    }

    /** Each way the checkpoint or the keys can be forged, and the check that must fail. */
    @Test
    void a_forged_checkpoint_a_broken_key_history_or_someone_elses_key_fails_naming_the_check() throws Exception {
        Path file = dir.resolve("bundle.json");
        assertThat(run("audit", "export", ids.get(0), "--db", db.toString(), "--output", file.toString()).code()).isZero();
        ObjectNode original = (ObjectNode) JSON.readTree(file.toFile());
        String logId = original.get("logId").asText();
        SigningKey outsider = SigningKey.generate();

        Tamperings tamperings = new Tamperings();
        tamperings.put("checkpoint signature: checkpoint of seq 5: the signature is not key "
                + original.at("/checkpoint/keyId").asText() + "'s signature of the checkpoint's fields (forged, or a "
                + "field was changed)", b -> checkpoint(b).put("signature", flipped(checkpoint(b).get("signature").asText())));
        tamperings.put("checkpoint signature: checkpoint of seq 4: the signature is not key",
                b -> checkpoint(b).put("seq", 4));
        tamperings.put("checkpoint covers record: the checkpoint signed hash", b -> checkpoint(b).put("seq", 4));
        tamperings.put("checkpoint signature: checkpoint of seq 5: the signature is not key",
                b -> checkpoint(b).put("headHash", "e".repeat(64)));
        tamperings.put("checkpoint covers record: the checkpoint signed hash " + "e".repeat(64) + " at seq 5, but the "
                + "bundle's chain has hash", b -> checkpoint(b).put("headHash", "e".repeat(64)));
        tamperings.put("checkpoint signature: checkpoint of seq 5: the signature is not key",
                b -> checkpoint(b).put("time", "2020-01-01T00:00:00.000Z"));
        tamperings.put("checkpoint covers record: the checkpoint (seq 2) does not cover this record (seq 3)",
                b -> resign(b, outsider, 2, "0".repeat(64)));
        // Signed by a key the log never had, with everything else as the log's own checkpoint said.
        tamperings.put("checkpoint signature: checkpoint of seq 5: signed by key " + outsider.keyId()
                + ", which is not in the log's key history", b -> resign(b, outsider, 5, checkpoint(b).get("headHash").asText()));
        tamperings.put("keys: the key history is broken: key record", b -> keyRecord(b, 0).put("proof",
                flipped(keyRecord(b, 0).get("proof").asText())));
        tamperings.put("keys: the key history is broken: key record " + original.at("/keys/0/id").asText()
                + " (seq 2): it is the log's first key, so nothing can have endorsed it",
                b -> keyRecord(b, 0).put("endorsement", keyRecord(b, 0).get("proof").asText()));
        tamperings.put("keys: the key history is broken", b -> b.put("logId", "another-log"));
        tamperings.put("checkpoint covers record: the checkpoint is of log " + logId + ", the bundle's record and keys "
                + "are of log another-log", b -> b.put("logId", "another-log"));
        tamperings.put("keys: the bundle carries no signing keys", b -> ((ArrayNode) b.get("keys")).removeAll());
        tamperings.put("checkpoint signature: the bundle carries no checkpoint", b -> b.putNull("checkpoint"));
        tamperings.put("checkpoint covers record: the bundle's chain has no link at the checkpoint's seq 5 (its links "
                + "end at seq 4)", b -> ((ArrayNode) b.at("/chain/links")).remove(1));
        for (Map.Entry<String, java.util.function.Consumer<ObjectNode>> t : tamperings) {
            ObjectNode forged = original.deepCopy();
            t.getValue().accept(forged);
            List<String> failures = failures(forged);
            assertThat(failures).as(t.getKey() + " in " + failures).anyMatch(f -> f.startsWith(t.getKey()));
        }

        // Someone else's key given with --key: the log's own checkpoint does not lead to it.
        Path theirs = dir.resolve("theirs.pem");
        Files.writeString(theirs, outsider.publicPem());
        Run other = run("audit", "verify-bundle", "--no-replay", "--key", theirs.toString(), file.toString());
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.out()).contains("FAILED checkpoint signature: checkpoint of seq 5: signed by key "
                + original.at("/checkpoint/keyId").asText() + " of the log's key history, which does not contain your key "
                + outsider.keyId())
                .contains("bundle INVALID");
        // A checkpoint the outsider signed passes only against the outsider's key, never against the log's.
        ObjectNode byOutsider = original.deepCopy();
        resign(byOutsider, outsider, 5, original.at("/checkpoint/headHash").asText());
        Files.writeString(file, byOutsider.toString());
        Run logsKey = run("audit", "verify-bundle", "--no-replay", "--key", dir.resolve("key.pem").toString(), file.toString());
        assertThat(logsKey.code()).isEqualTo(1);
        assertThat(logsKey.out()).contains("FAILED checkpoint signature: checkpoint of seq 5: signed by key "
                + outsider.keyId() + ", which is neither your key");
    }

    @Test
    void after_a_rotation_a_checkpoint_by_the_new_key_verifies_against_the_old_key_and_a_broken_endorsement_fails()
            throws Exception {
        Path oldPrivate = Files.copy(dir.resolve("audit-signing-key.pem"), dir.resolve("old-private.pem"));
        Run rotate = run("audit", "rotate-key", "--db", db.toString(), "--signing-key",
                dir.resolve("audit-signing-key.pem").toString());
        assertThat(rotate.code()).as(rotate.err()).isZero();
        activateAfterTheAdvice(); // seq 7 and 8, after the new key's record at seq 6
        Path file = dir.resolve("activation.json");
        Run unsigned = run("audit", "export", "act_1", "--db", db.toString(), "--output", file.toString());
        assertThat(unsigned.code()).isZero();
        assertThat(unsigned.err()).contains("warning: no stored checkpoint covers this record (seq 7): the latest is "
                + "seq 5, so the bundle will not verify");
        Run uncovered = run("audit", "verify-bundle", file.toString());
        assertThat(uncovered.code()).isEqualTo(1);
        assertThat(uncovered.out()).contains("FAILED checkpoint covers record: the checkpoint (seq 5) does not cover "
                + "this record (seq 7)").contains("ok     checkpoint signature");

        // The retired key cannot sign any more; the current one can.
        Path retired = Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".retired")).findFirst().orElseThrow();
        assertThat(Files.readString(retired)).as("only the retired key's public half is kept")
                .contains("PUBLIC KEY").doesNotContain("PRIVATE KEY");
        Run refused = run("audit", "export", "act_1", "--db", db.toString(), "--signing-key", oldPrivate.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("is not the audit log's current key").contains("succeeded by rotation");
        Run missing = run("audit", "export", "act_1", "--db", db.toString(), "--signing-key", dir.resolve("nope.pem").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no signing key at");
        assertThat(Files.exists(dir.resolve("nope.pem"))).as("an export makes no key").isFalse();

        Run signed = run("audit", "export", "act_1", "--db", db.toString(), "--output", file.toString(),
                "--signing-key", dir.resolve("audit-signing-key.pem").toString());
        assertThat(signed.code()).as(signed.err()).isZero();
        assertThat(signed.err()).isEmpty();
        ObjectNode bundle = (ObjectNode) JSON.readTree(file.toFile());
        assertThat(bundle.get("keys")).hasSize(2);
        String oldKey = JSON.readTree(dir.resolve("key.json").toFile()).get("keyId").asText();
        String newKey = bundle.at("/keys/1/keyId").asText();
        assertThat(bundle.at("/keys/1/previousKeyId").asText()).isEqualTo(oldKey);
        assertThat(bundle.at("/checkpoint/seq").asLong()).isEqualTo(8);
        assertThat(bundle.at("/checkpoint/keyId").asText()).isEqualTo(newKey);
        // The auditor kept the key from before the rotation: the history links the new key to it.
        Run verify = run("audit", "verify-bundle", "--key", dir.resolve("key.pem").toString(), file.toString());
        assertThat(verify.code()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("ok     keys: 2 signing key(s) of log " + bundle.get("logId").asText()
                        + ", each endorsed by the one before")
                .contains("ok     checkpoint signature: key " + newKey + " signed seq 8")
                .contains("checked against key " + newKey + ", which the key history links to your key " + oldKey);

        // The new key's record (seq 6) comes before the activation, so the chain proof does not carry it:
        // its endorsement alone says that the old key vouched for the new one.
        ObjectNode forged = bundle.deepCopy();
        keyRecord(forged, 1).put("endorsement", flipped(keyRecord(forged, 1).get("endorsement").asText()));
        Files.writeString(file, forged.toString());
        Run broken = run("audit", "verify-bundle", "--key", dir.resolve("key.pem").toString(), file.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("FAILED keys: the key history is broken: key record "
                        + bundle.at("/keys/1/id").asText() + " (seq 6): its endorsement is not the signature of the previous key "
                        + oldKey)
                .contains("FAILED checkpoint signature: checkpoint of seq 8: signed by key " + newKey);
    }

    @Test
    void a_bundle_of_format_3_still_verifies_and_says_it_carries_no_checkpoint() throws Exception {
        Path file = dir.resolve("bundle.json");
        assertThat(run("audit", "export", ids.get(0), "--db", db.toString(), "--output", file.toString()).code()).isZero();
        ObjectNode old = (ObjectNode) JSON.readTree(file.toFile());
        old.put("format", "minerals-advisor/audit-bundle@3");
        for (String field : List.of("logId", "checkpoint", "keys", "signatureRule")) {
            old.remove(field);
        }
        Files.writeString(file, old.toString());
        assertThat(failures(old)).isEmpty();
        Run verify = run("audit", "verify-bundle", "--no-replay", "--key", dir.resolve("key.pem").toString(), file.toString());
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("ok     checkpoint: format minerals-advisor/audit-bundle@3 carries no signed "
                + "checkpoint").doesNotContain("checkpoint signature").contains("bundle valid: advice " + ids.get(0));
    }

    private static ObjectNode checkpoint(ObjectNode bundle) {
        return (ObjectNode) bundle.get("checkpoint");
    }

    private static ObjectNode keyRecord(ObjectNode bundle, int index) {
        return (ObjectNode) bundle.at("/keys/" + index);
    }

    /** The same signature with one bit changed: still base64 of 64 bytes, no longer the signature. */
    private static String flipped(String base64) {
        byte[] bytes = java.util.Base64.getDecoder().decode(base64);
        bytes[10] ^= 1;
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    /** The bundle's checkpoint replaced by one {@code key} signed, valid in itself. */
    private static void resign(ObjectNode bundle, SigningKey key, long seq, String headHash) {
        ObjectNode c = checkpoint(bundle);
        c.put("seq", seq);
        c.put("headHash", headHash);
        c.put("keyId", key.keyId());
        c.put("signature", key.sign(Statements.checkpoint(c.get("logId").asText(), seq, headHash, c.get("time").asText(),
                key.keyId())));
    }

    /** Appends to the store the service wrote: an activation of the rule set the advice used, then one more advice. */
    private String activateAfterTheAdvice() throws Exception {
        try (JdbcAuditStore store = JdbcAuditStore.open(db.toString(), new SimpleMeterRegistry())) {
            String version = store.find(ids.get(0)).orElseThrow().ruleSetVersion();
            store.appendActivation(new ActivationRequest("act_1", Instant.parse("2026-11-25T09:00:00Z"), version,
                    store.latestActivation().map(org.mineralsadvisor.audit.Activation::version).orElse(null),
                    "expert-a", List.of("expert-a", "expert-b"), "tighten the stockpile trigger",
                    "{\"tests\":{\"passed\":4,\"failed\":0},\"impact\":{\"profiles\":3,\"changed\":1}}"));
            store.append(AuditRecord.of("adv_after", Instant.parse("2026-11-25T09:00:01Z"), "IND", "2026-02-04",
                    "officer", "o1", version, "sha256:" + "b".repeat(64), "{}", "{\"id\":\"adv_after\"}", List.of(),
                    java.util.Set.of()));
            return version;
        }
    }

    @Test
    void an_advice_bundle_whose_chain_passes_over_an_activation_verifies_and_a_changed_activation_link_is_named()
            throws Exception {
        activateAfterTheAdvice();
        Path file = dir.resolve("bundle.json");
        assertThat(run("audit", "export", ids.get(0), "--db", db.toString(), "--output", file.toString()).code()).isZero();
        ObjectNode bundle = (ObjectNode) JSON.readTree(file.toFile());
        JsonNode activationLink = bundle.at("/chain/links/2");
        assertThat(activationLink.get("kind").asText()).isEqualTo("activation");
        assertThat(activationLink.get("id").asText()).isEqualTo("act_1");
        assertThat(activationLink.has("country")).isFalse();
        assertThat(activationLink.has("previousVersion")).isTrue();
        assertThat(bundle.at("/chain/links/3/kind").asText()).isEqualTo("advice");
        assertThat(bundle.at("/chain/headSeq").asLong()).isEqualTo(7);
        Run verify = run("audit", "verify-bundle", file.toString());
        assertThat(verify.code()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("ok     chain to head: the chain reaches the head at export, seq 7");

        Tamperings tamperings = new Tamperings();
        tamperings.put("chain to head: chain link at seq 6 (act_1) changed: its fields do not match its hash",
                b -> ((ObjectNode) b.at("/chain/links/2")).put("version", "sha256:forged"));
        tamperings.put("chain to head: chain link at seq 6 (act_1) changed: its fields do not match its hash",
                b -> ((ArrayNode) b.at("/chain/links/2/approvers")).remove(1));
        tamperings.put("chain to head: chain link at seq 6 (act_1) changed: its fields do not match its hash",
                b -> ((ObjectNode) b.at("/chain/links/2")).put("kind", "advice"));
        tamperings.put("chain to head: chain link at seq 7 (adv_after) changed: its prevHash is not the hash of seq 6",
                b -> ((ObjectNode) b.at("/chain/links/3")).put("prevHash", "e".repeat(64)));
        tamperings.put("chain to head: chain link at seq 6 missing: the next link is seq 7",
                b -> ((ArrayNode) b.at("/chain/links")).remove(2));
        for (Map.Entry<String, java.util.function.Consumer<ObjectNode>> t : tamperings) {
            ObjectNode forged = bundle.deepCopy();
            t.getValue().accept(forged);
            List<String> failures = failures(forged);
            assertThat(failures).as(t.getKey() + " in " + failures).anyMatch(f -> f.startsWith(t.getKey()));
        }
    }

    @Test
    void an_activation_is_exported_by_its_id_into_a_bundle_that_verifies_and_each_change_to_it_is_named()
            throws Exception {
        String version = activateAfterTheAdvice();
        Path file = dir.resolve("activation.json");
        // No stored checkpoint covers the activation yet: the log's key signs one.
        Run export = run("audit", "export", "act_1", "--db", db.toString(), "--output", file.toString(),
                "--signing-key", dir.resolve("audit-signing-key.pem").toString());
        assertThat(export.code()).as(export.err()).isZero();
        ObjectNode bundle = (ObjectNode) JSON.readTree(file.toFile());
        assertThat(bundle.get("format").asText()).isEqualTo("minerals-advisor/audit-bundle@4");
        assertThat(bundle.at("/checkpoint/seq").asLong()).isEqualTo(7);
        assertThat(bundle.get("kind").asText()).isEqualTo("activation");
        assertThat(bundle.at("/record/seq").asLong()).isEqualTo(6);
        assertThat(bundle.at("/record/version").asText()).isEqualTo(version);
        assertThat(bundle.at("/record/approvers")).hasSize(2);
        assertThat(bundle.get("reason").asText()).isEqualTo("tighten the stockpile trigger");
        assertThat(bundle.at("/summary/impact/changed").asInt()).isEqualTo(1);
        assertThat(bundle.has("summaryText")).isFalse();
        assertThat(bundle.at("/ruleSet/version").asText()).isEqualTo(version);
        assertThat(bundle.at("/chain/links")).hasSize(1);
        Run verify = run("audit", "verify-bundle", file.toString());
        assertThat(verify.code()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("ok     record").contains("ok     reason").contains("ok     summary")
                .contains("ok     rule set version").contains("ok     chain to head").contains("bundle valid: activation act_1");
        assertThat(failures(bundle)).isEmpty();

        Tamperings tamperings = new Tamperings();
        tamperings.put("reason: reason changed: it hashes to", b -> b.put("reason", "because I said so"));
        tamperings.put("summary: summary changed: it hashes to",
                b -> ((ObjectNode) b.at("/summary/impact")).put("changed", 0));
        tamperings.put("record: record field reasonSha256 changed", b -> record(b).put("reasonSha256", "f".repeat(64)));
        tamperings.put("record: record field summarySha256 changed", b -> record(b).put("summarySha256", "f".repeat(64)));
        tamperings.put("record: record field version changed", b -> record(b).put("version", "sha256:forged"));
        tamperings.put("record: record fields changed (activatedAt, version, previousVersion, proposer, approvers or seq)",
                b -> ((ArrayNode) record(b).get("approvers")).set(1, "expert-c"));
        tamperings.put("record: record fields changed", b -> record(b).put("proposer", "expert-c"));
        tamperings.put("record: record fields changed", b -> record(b).put("previousVersion", "sha256:older"));
        tamperings.put("record: record field hash changed", b -> record(b).put("hash", "f".repeat(64)));
        tamperings.put("rule set version: rule-set file stockpile.drl changed",
                b -> ((ObjectNode) b.at("/ruleSet/files")).put("stockpile.drl", "// nothing"));
        tamperings.put("chain to head: chain link at seq 7 (adv_after) changed: its fields do not match its hash",
                b -> ((ObjectNode) b.at("/chain/links/0")).put("country", "CHN"));
        tamperings.put("chain to head: chain head changed", b -> ((ObjectNode) b.get("chain")).put("headSeq", 99));
        for (Map.Entry<String, java.util.function.Consumer<ObjectNode>> t : tamperings) {
            ObjectNode forged = bundle.deepCopy();
            t.getValue().accept(forged);
            List<String> failures = failures(forged);
            assertThat(failures).as(t.getKey() + " in " + failures).anyMatch(f -> f.startsWith(t.getKey()));
        }
        ObjectNode forged = bundle.deepCopy();
        forged.put("reason", "because I said so");
        Files.writeString(file, forged.toString());
        Run rejected = run("audit", "verify-bundle", file.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.out()).contains("FAILED reason: reason changed").contains("bundle INVALID");
        assertThat(run("audit", "export", "act_nope", "--db", db.toString()).err())
                .contains("no advice or activation with id act_nope");
    }

    /** Changes to a bundle, each with the start of the failure it must cause (one failure may have several causes). */
    private static final class Tamperings extends ArrayList<Map.Entry<String, java.util.function.Consumer<ObjectNode>>> {
        void put(String expected, java.util.function.Consumer<ObjectNode> change) {
            add(Map.entry(expected, change));
        }
    }

    private static ObjectNode record(ObjectNode bundle) {
        return (ObjectNode) bundle.get("record");
    }

    /** The failed checks of a bundle, "name: detail", without the (slow) replay. */
    private static List<String> failures(ObjectNode bundle) throws Exception {
        Bundle parsed = Bundle.read(JSON.writeValueAsBytes(bundle));
        return new BundleVerifier().verify(parsed, false).stream().filter(c -> !c.passed())
                .map(c -> c.name() + ": " + c.detail()).toList();
    }

    @Test
    void replay_exits_0_when_identical_and_export_exits_1_for_an_unknown_id() {
        Run replay = run("audit", "replay", ids.get(2), "--db", db.toString());
        assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("\"identical\" : true");
        assertThat(run("audit", "export", "adv_nope", "--db", db.toString()).code()).isEqualTo(1);
        Run missing = run("audit", "verify", "--db", dir.resolve("missing.db").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: no audit store at " + dir.resolve("missing.db").toAbsolutePath().normalize() + "\n");
    }

    @Test
    void every_audit_command_has_help() {
        for (String command : List.of("verify", "export", "verify-bundle", "replay")) {
            Run help = run("audit", command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).contains("Usage: advisor audit " + command);
        }
    }
}
