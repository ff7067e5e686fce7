package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.transparency.CheckpointFile;
import org.mineralsadvisor.transparency.Ed25519;
import org.mineralsadvisor.transparency.Statements;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkpoints, keys and consistency proofs over HTTP, as an outside auditor's client would use them. */
class TransparencyApiTest {
    private static final String ADMIN = "admin-secret";
    private static final String AUDITOR = "auditor-secret";
    private static final String OFFICER = "officer-secret";
    private static final String KEYS = String.join(",",
            "admin:ad1:" + ApiKeys.sha256Hex(ADMIN),
            "auditor:a1:" + ApiKeys.sha256Hex(AUDITOR),
            "officer:o1:" + ApiKeys.sha256Hex(OFFICER));

    @TempDir
    Path dir;

    private static String india() throws Exception {
        return Files.readString(Path.of("samples/india.json"));
    }

    @Test
    void a_checkpoint_is_signed_by_the_published_key_and_a_later_log_proves_it_extends_it() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS))) {
            OpenApiContract contract = new OpenApiContract(service.get("/openapi.json", null).json());
            service.post("/v1/advice", india(), OFFICER);
            RunningService.Reply signed = service.post("/v1/audit/checkpoint", "", AUDITOR);
            assertThat(signed.status()).as(signed.body()).isEqualTo(201);
            contract.assertValid("Checkpoint", signed.json());
            Checkpoint kept = CheckpointFile.parse(signed.body()).get(0);
            // seq 1 the rule set's activation, 2 the signing key, 3 the advice.
            assertThat(kept.seq()).isEqualTo(3);

            JsonNode key = service.get("/v1/audit/key", AUDITOR).json();
            contract.assertValid("SigningKey", key);
            assertThat(key.get("keyId").asText()).isEqualTo(kept.keyId());
            assertThat(key.get("seq").asLong()).isEqualTo(2);
            assertThat(Ed25519.verify(Ed25519.publicKey(key.get("publicKey").asText()), Statements.checkpoint(kept),
                    kept.signature())).isTrue();
            assertThat(service.get("/v1/audit/checkpoint", AUDITOR).json().get("seq").asLong()).isEqualTo(3);

            service.post("/v1/advice", india(), OFFICER);
            service.post("/v1/advice", india(), OFFICER);
            JsonNode proof = service.get("/v1/audit/consistency?from=3&hash=" + kept.headHash(), AUDITOR).json();
            contract.assertValid("ConsistencyProof", proof);
            assertThat(proof.get("consistent").asBoolean()).as(proof.toString()).isTrue();
            assertThat(proof.get("complete").asBoolean()).isTrue();
            assertThat(proof.at("/head/seq").asLong()).isEqualTo(5);
            assertThat(proof.get("links")).hasSize(2);
            assertThat(proof.at("/links/0/prevHash").asText()).isEqualTo(kept.headHash());

            // A page at a time: the next page starts where this one ended.
            JsonNode page = service.get("/v1/audit/consistency?from=3&limit=1", AUDITOR).json();
            assertThat(page.get("complete").asBoolean()).isFalse();
            assertThat(page.get("next").asText()).isEqualTo("/v1/audit/consistency?from=4&limit=1");

            JsonNode wrong = service.get("/v1/audit/consistency?from=3&hash=" + "0".repeat(64), AUDITOR).json();
            assertThat(wrong.get("consistent").asBoolean()).isFalse();
            assertThat(wrong.get("problem").asText()).contains("record 3").contains("now hashes to " + kept.headHash());

            // A proof of several pages still gives its verdict (on the whole log) on the first.
            RunningService.Reply paged = service.get("/v1/audit/consistency?from=3&limit=1&hash=" + kept.headHash(),
                    AUDITOR);
            assertThat(paged.status()).as(paged.body()).isEqualTo(200);
            assertThat(paged.json().get("consistent").asBoolean()).isTrue();
            assertThat(paged.json().get("complete").asBoolean()).isFalse();

            // A record before `from` edited in place (its hash left alone) breaks the chain: not consistent.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("advisor.db"));
                 Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE advice_records SET as_of = '1999-01-01' WHERE seq = 3");
            }
            JsonNode tampered = service.get("/v1/audit/consistency?from=4&hash=" + service.get(
                    "/v1/audit/consistency?from=4", AUDITOR).json().at("/from/hash").asText(), AUDITOR).json();
            assertThat(tampered.get("consistent").asBoolean()).isFalse();
            assertThat(tampered.get("problem").asText()).contains("the chain is broken at record 3");
        }
    }

    @Test
    void a_row_forged_into_the_checkpoints_table_is_not_served_and_bodies_are_refused() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS))) {
            Checkpoint genuine = CheckpointFile.parse(service.post("/v1/audit/checkpoint", "", AUDITOR).body()).get(0);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("advisor.db"));
                 Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO checkpoints (seq, signed_at, key_id, log_id, head_hash, signature) VALUES ("
                        + genuine.seq() + ", '9999-12-31T00:00:00.000Z', '" + genuine.keyId() + "', '" + genuine.logId()
                        + "', '" + genuine.headHash() + "', 'AAAA')");
            }
            JsonNode served = service.get("/v1/audit/checkpoint", AUDITOR).json();
            assertThat(served.get("signature").asText()).isNotEqualTo("AAAA");
            assertThat(served.get("time").asText()).isNotEqualTo("9999-12-31T00:00:00.000Z");
            JsonNode verify = service.get("/v1/audit/verify", AUDITOR).json();
            assertThat(verify.get("valid").asBoolean()).isFalse();
            assertThat(verify.get("reason").asText()).contains("stored checkpoint of seq " + genuine.seq());

            RunningService.Reply withBody = service.post("/v1/audit/keys", "{\"foo\": 1}", ADMIN);
            assertThat(withBody.status()).isEqualTo(422);
            assertThat(withBody.json().get("detail").asText()).contains("a rotation takes no body");
            assertThat(service.get("/v1/audit/keys", AUDITOR).json().get("keys")).hasSize(1);
            assertThat(service.post("/v1/audit/checkpoint", "{\"seq\": 1}", AUDITOR).status()).isEqualTo(422);
            assertThat(service.post("/v1/audit/checkpoint", "{}", AUDITOR).status()).isEqualTo(201);
        }
    }

    @Test
    void bad_consistency_queries_are_400_or_404_naming_the_parameter() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS))) {
            RunningService.Reply missing = service.get("/v1/audit/consistency", AUDITOR);
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().get("detail").asText()).contains("from");
            assertThat(service.get("/v1/audit/consistency?from=-1", AUDITOR).status()).isEqualTo(400);
            assertThat(service.get("/v1/audit/consistency?from=1&hash=xyz", AUDITOR).json().get("detail").asText())
                    .contains("hash must be 64 lower-case hex digits");
            assertThat(service.get("/v1/audit/consistency?from=1&limit=0", AUDITOR).status()).isEqualTo(400);
            assertThat(service.get("/v1/audit/consistency?from=1&since=2", AUDITOR).json().get("detail").asText())
                    .contains("unknown query parameter 'since'");
            RunningService.Reply beyond = service.get("/v1/audit/consistency?from=99", AUDITOR);
            assertThat(beyond.status()).isEqualTo(404);
            assertThat(beyond.json().get("detail").asText()).contains("no record 99");
            assertThat(service.get("/v1/audit/checkpoint", OFFICER).status()).isEqualTo(403);
            assertThat(service.get("/v1/audit/checkpoints?cursor=bogus", AUDITOR).status()).isEqualTo(400);
        }
    }

    @Test
    void checkpoints_page_newest_first_and_the_signer_says_it_signs() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS))) {
            OpenApiContract contract = new OpenApiContract(service.get("/openapi.json", null).json());
            for (int i = 0; i < 3; i++) {
                service.post("/v1/advice", india(), OFFICER);
                assertThat(service.post("/v1/audit/checkpoint", "", AUDITOR).status()).isEqualTo(201);
            }
            JsonNode first = service.get("/v1/audit/checkpoints?limit=2", AUDITOR).json();
            contract.assertValid("CheckpointList", first);
            assertThat(first.at("/signer/signing").asBoolean()).isTrue();
            assertThat(first.get("items")).hasSize(2);
            assertThat(first.at("/items/0/seq").asLong()).isGreaterThanOrEqualTo(first.at("/items/1/seq").asLong());
            JsonNode second = service.get("/v1/audit/checkpoints?limit=500&cursor=" + first.get("nextCursor").asText(),
                    AUDITOR).json();
            assertThat(second.get("nextCursor").isNull()).isTrue();
            List<JsonNode> all = new java.util.ArrayList<>();
            first.get("items").forEach(all::add);
            second.get("items").forEach(all::add);
            assertThat(all.stream().map(JsonNode::toString).distinct().count()).isEqualTo(all.size());
            assertThat(all.size()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void rotation_by_an_admin_keeps_the_history_and_old_checkpoints_verifiable() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS))) {
            OpenApiContract contract = new OpenApiContract(service.get("/openapi.json", null).json());
            Checkpoint before = CheckpointFile.parse(service.post("/v1/audit/checkpoint", "", AUDITOR).body()).get(0);
            String oldKey = service.get("/v1/audit/key", AUDITOR).json().get("keyId").asText();
            assertThat(service.post("/v1/audit/keys", "", AUDITOR).status()).isEqualTo(403);
            RunningService.Reply rotated = service.post("/v1/audit/keys", "", ADMIN);
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
            contract.assertValid("SigningKey", rotated.json());
            assertThat(rotated.json().get("previousKeyId").asText()).isEqualTo(oldKey);
            String newKey = rotated.json().get("keyId").asText();
            assertThat(newKey).isNotEqualTo(oldKey);

            JsonNode history = service.get("/v1/audit/keys", AUDITOR).json();
            contract.assertValid("SigningKeyHistory", history);
            assertThat(history.get("intact").asBoolean()).isTrue();
            assertThat(history.get("keys")).hasSize(2);
            Checkpoint after = CheckpointFile.parse(service.get("/v1/audit/checkpoint", AUDITOR).body()).get(0);
            assertThat(after.keyId()).isEqualTo(newKey);
            // The old checkpoint still verifies with the key that signed it, kept in the history.
            assertThat(Ed25519.verify(Ed25519.publicKey(history.at("/keys/0/publicKey").asText()),
                    Statements.checkpoint(before), before.signature())).isTrue();
            JsonNode verify = service.get("/v1/audit/verify", AUDITOR).json();
            assertThat(verify.get("valid").asBoolean()).as(verify.toString()).isTrue();
            assertThat(verify.get("signingKeys").asInt()).isEqualTo(2);
            assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                    .contains("audit-signing-key.pem", "audit-signing-key.pem." + oldKey.substring(0, 16) + ".retired");
        }
        // A restart signs with the new key.
        try (RunningService again = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS))) {
            assertThat(again.get("/v1/audit/keys", AUDITOR).json().get("keys")).hasSize(2);
            assertThat(again.post("/v1/audit/checkpoint", "", AUDITOR).status()).isEqualTo(201);
        }
    }

    @Test
    void a_log_broken_after_the_last_checkpoint_gets_no_new_one_and_the_signer_says_why() throws Exception {
        try (RunningService service = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS))) {
            service.post("/v1/advice", india(), OFFICER);
            assertThat(service.post("/v1/audit/checkpoint", "", AUDITOR).status()).isEqualTo(201);
            service.post("/v1/advice", india(), OFFICER);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("advisor.db"));
                 Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE advice_records SET country = 'CHN' WHERE seq = 4");
            }
            RunningService.Reply refused = service.post("/v1/audit/checkpoint", "", AUDITOR);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("detail").asText()).contains("broken at record 4");
            JsonNode list = service.get("/v1/audit/checkpoints", AUDITOR).json();
            assertThat(list.at("/signer/signing").asBoolean()).isFalse();
            assertThat(list.at("/signer/problem").asText()).contains("record 4");
            assertThat(service.get("/v1/audit/verify", AUDITOR).json().get("firstBrokenSeq").asLong()).isEqualTo(4);
        }
    }
}
