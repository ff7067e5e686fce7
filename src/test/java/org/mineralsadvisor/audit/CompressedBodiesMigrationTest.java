package org.mineralsadvisor.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.service.Knowledge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written by the V1-V3 code (bodies as text) is migrated to V4 and goes on: old and new
 * records in one chain, verified alike, each read back byte for byte. The old rows are written
 * here as the V1-V3 writer wrote them (on SQLite the advice bound as UTF-8 bytes, on PostgreSQL as
 * text), since that code is gone.
 */
class CompressedBodiesMigrationTest {
    private static byte[] indiaAdvice;
    private static String indiaInput;
    private static String japanInput;

    @TempDir
    Path dir;
    private String pgSchema;

    @BeforeAll
    static void realAdvice() throws Exception {
        Knowledge knowledge = Knowledge.load(Path.of("rules"), Path.of("facts"));
        byte[] india = Files.readAllBytes(Path.of("samples/india.json"));
        indiaInput = new String(india, StandardCharsets.UTF_8);
        japanInput = Files.readString(Path.of("samples/japan.json"));
        indiaAdvice = AdviceJson.compactBytes(new Advisor().evaluate(knowledge.rules(), knowledge.facts(),
                knowledge.parser().parse(india)));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (pgSchema != null) {
            try (Connection c = DriverManager.getConnection(PostgresAuditStoreTest.BASE); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
            }
        }
    }

    @Test
    void a_sqlite_store_written_before_v4_migrates_and_old_and_new_records_verify_and_read_alike() throws Exception {
        Path file = dir.resolve("audit.db");
        migrateAndContinue(file.toString(), "jdbc:sqlite:" + file, null, true);
    }

    @Test
    void a_postgres_store_written_before_v4_migrates_and_old_and_new_records_verify_and_read_alike() throws Exception {
        PostgresAuditStoreTest.requirePostgres();
        pgSchema = "advisor_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String url = PostgresAuditStoreTest.freshSchemaUrl(pgSchema);
        migrateAndContinue(url, url, pgSchema, false);
    }

    /** One record as the V1-V3 writer stored it. */
    private record Old(long seq, String id, String createdAt, String input, byte[] advice) {
    }

    private void migrateAndContinue(String db, String jdbcUrl, String schema, boolean sqlite) throws Exception {
        var flyway = Flyway.configure().dataSource(jdbcUrl, null, null).locations("classpath:db/migration").target("3");
        if (schema != null) {
            flyway = flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        flyway.load().migrate();

        // Two advice and an activation between them, written the old way.
        List<Old> old = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            String prev = ChainHash.GENESIS;
            Old first = new Old(1, "adv_old1", "2026-11-20T08:00:00.000Z", indiaInput, indiaAdvice);
            prev = insertOld(c, first, prev, sqlite);
            old.add(first);
            ActivationRequest activation = new ActivationRequest("act_old2", Instant.parse("2026-11-20T09:00:00Z"),
                    "sha256:v1", null, "expert-a", List.of("expert-a", "expert-b"), "first rules", "{\"tests\":{}}");
            String activationHash = ChainHash.ofActivation(prev, 2, activation.id(), activation.activatedAt(),
                    activation.version(), null, activation.proposer(), activation.approvers(), activation.reason(),
                    activation.summaryJson());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO activation_records (seq, id, activated_at, version, "
                    + "previous_version, proposer, approvers, reason, summary_json, prev_hash, hash) "
                    + "VALUES (2, 'act_old2', '2026-11-20T09:00:00.000Z', 'sha256:v1', NULL, 'expert-a', "
                    + "'[\"expert-a\",\"expert-b\"]', 'first rules', '{\"tests\":{}}', ?, ?)")) {
                s.setString(1, prev);
                s.setString(2, activationHash);
                s.executeUpdate();
            }
            Old third = new Old(3, "adv_old3", "2026-11-20T10:00:00.000Z", japanInput,
                    "{\"id\":\"adv_old3\",\"country\":\"JPN\",\"summary\":\"≥ 0 — 日本 🇯🇵\"}".getBytes(StandardCharsets.UTF_8));
            prev = insertOld(c, third, activationHash, sqlite);
            old.add(third);
            try (PreparedStatement head = c.prepareStatement("UPDATE chain_head SET seq = 3, hash = ? WHERE id = 1")) {
                head.setString(1, prev);
                head.executeUpdate();
            }
        }

        try (JdbcAuditStore store = JdbcAuditStore.open(db, new SimpleMeterRegistry())) {
            assertThat(store.verify()).isEqualTo(new ChainStatus(true, 3, null, null, null));
            byte[] newAdvice = new String(indiaAdvice, StandardCharsets.UTF_8).replace("\"adv_old1\"", "\"adv_new4\"")
                    .getBytes(StandardCharsets.UTF_8);
            SearchRows newRows = SearchRows.of(newAdvice);
            assertThat(store.append(new AuditRecord("adv_new4", Instant.parse("2026-11-21T08:00:00Z"), "IND",
                    "2026-02-04", "officer", "o1", "sha256:v1", "sha256:f1", indiaInput, newAdvice,
                    newRows.recommendations(), newRows.policies()))).isEqualTo(4);
            assertThat(store.append(new AuditRecord("adv_new5", Instant.parse("2026-11-21T09:00:00Z"), "JPN",
                    "2026-02-04", "officer", "o1", "sha256:v1", "sha256:f1", japanInput, old.get(1).advice(),
                    List.of(), Set.of()))).isEqualTo(5);

            assertThat(store.verify()).isEqualTo(new ChainStatus(true, 5, null, null, null));
            for (Old o : old) {
                StoredRecord found = store.find(o.id()).orElseThrow();
                assertThat(found.input()).isEqualTo(o.input());
                assertThat(found.advice().getBytes(StandardCharsets.UTF_8)).isEqualTo(o.advice());
                assertThat(found.recomputedHash()).isEqualTo(found.hash());
            }
            assertThat(store.find("adv_new4").orElseThrow().advice().getBytes(StandardCharsets.UTF_8)).isEqualTo(newAdvice);
            assertThat(store.find("adv_new5").orElseThrow().advice().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(old.get(1).advice());
            assertThat(store.find("adv_new5").orElseThrow().input()).isEqualTo(japanInput);
            List<ChainLink> links = store.linksAfter(0, 10);
            assertThat(links).extracting(ChainLink::kind)
                    .containsExactly("advice", "activation", "advice", "advice", "advice");
            assertThat(links.get(0).adviceSha256()).isEqualTo(ChainHash.sha256(indiaAdvice));
            assertThat(links.get(3).adviceSha256()).isEqualTo(ChainHash.sha256(newAdvice));
            assertThat(links.get(3).inputSha256()).isEqualTo(ChainHash.sha256(indiaInput));
            assertThat(store.recentInputs(null, 10)).extracting(StoredInput::input)
                    .containsExactly(japanInput, indiaInput, japanInput, indiaInput);
            assertThat(ids(store.search(new AuditQuery("IND", null, null, null, null, null, null, 10, null)).hits()))
                    .containsExactly("adv_new4", "adv_old3", "adv_old1");
        }

        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, body_codec, length(advice) AS text_length, advice_z "
                    + "FROM advice_records ORDER BY seq")) {
                Map<String, Long> textLength = new java.util.LinkedHashMap<>();
                while (rs.next()) {
                    textLength.put(rs.getString("id"), rs.getLong("text_length"));
                    boolean compressed = rs.getString("id").startsWith("adv_new");
                    assertThat(rs.getString("body_codec")).isEqualTo(compressed ? "zstd" : null);
                    assertThat(rs.getBytes("advice_z") == null).isEqualTo(!compressed);
                }
                // The old rows were left as they were; the new ones hold no text.
                assertThat(textLength.get("adv_old1")).isPositive();
                assertThat(textLength).containsEntry("adv_new4", 0L).containsEntry("adv_new5", 0L);
            }
            try (ResultSet rs = s.executeQuery("SELECT max(version) FROM (SELECT CAST(version AS INTEGER) AS version "
                    + "FROM flyway_schema_history WHERE success = " + (sqlite ? "1" : "true") + ") v")) {
                rs.next();
                // Every migration ran on the old store, the latest (V6, signed checkpoints) included.
                assertThat(rs.getInt(1)).isEqualTo(6);
            }
            // An old record is as tamper-evident as before.
            s.executeUpdate("UPDATE advice_records SET advice = replace(advice, '\"JPN\"', '\"KOR\"') WHERE id = 'adv_old3'");
        }
        try (JdbcAuditStore store = JdbcAuditStore.open(db, new SimpleMeterRegistry())) {
            ChainStatus status = store.verify();
            assertThat(status.valid()).isFalse();
            assertThat(status.firstBroken()).isEqualTo("adv_old3");
            assertThat(status.reason()).isEqualTo("content does not match its hash");
        }
    }

    /** Inserts {@code r} with its search rows as the V2-V3 writer did; returns its hash. */
    private static String insertOld(Connection c, Old r, String prevHash, boolean sqlite) throws SQLException {
        String hash = ChainHash.ofDigests(prevHash, r.seq(), r.id(), r.createdAt(), "IND", "2026-02-04", "officer", "o1",
                "sha256:v0", "sha256:f0", ChainHash.sha256(r.input()), ChainHash.sha256(r.advice()));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO advice_records (seq, id, created_at, country, as_of, "
                + "role, key_id, rule_set_version, fact_base_version, input, advice, prev_hash, hash) "
                + "VALUES (?, ?, ?, 'IND', '2026-02-04', 'officer', 'o1', 'sha256:v0', 'sha256:f0', ?, ?, ?, ?)")) {
            s.setLong(1, r.seq());
            s.setString(2, r.id());
            s.setString(3, r.createdAt());
            s.setString(4, r.input());
            if (sqlite) {
                s.setBytes(5, r.advice());
            } else {
                s.setString(5, new String(r.advice(), StandardCharsets.UTF_8));
            }
            s.setString(6, prevHash);
            s.setString(7, hash);
            s.executeUpdate();
        }
        SearchRows rows = SearchRows.of(r.advice());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO advice_recommendations "
                + "(seq, position, type, subject, priority, policy_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (AuditRecord.IndexEntry e : rows.recommendations()) {
                s.setLong(1, r.seq());
                s.setInt(2, ++position);
                s.setString(3, e.type());
                s.setString(4, e.subject());
                s.setString(5, e.priority());
                s.setString(6, e.policyId());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO advice_policies (seq, policy_id) VALUES (?, ?)")) {
            for (String policy : rows.policies()) {
                s.setLong(1, r.seq());
                s.setString(2, policy);
                s.executeUpdate();
            }
        }
        return hash;
    }

    private static List<String> ids(List<AuditSummary> hits) {
        return hits.stream().map(AuditSummary::id).toList();
    }
}
