package org.mineralsadvisor.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.luben.zstd.Zstd;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The behaviour every audit store must have; run against SQLite and against PostgreSQL. */
abstract class AuditStoreContract {
    protected JdbcAuditStore store;

    /** A fresh, empty database for one test: a path or a JDBC URL. */
    protected abstract String freshDatabase();

    /** A plain JDBC connection to that database, bypassing the store (to tamper with it). */
    protected abstract Connection rawConnection() throws SQLException;

    protected String db;

    @BeforeEach
    void open() {
        db = freshDatabase();
        store = JdbcAuditStore.open(db, new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        store.close();
    }

    static AuditRecord record(String id, String country, String policy, String type, String priority) {
        return AuditRecord.of(id, Instant.parse("2026-11-24T10:00:00Z").plusSeconds(id.hashCode() & 0xffff), country,
                "2026-02-04", "officer", "o1", "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64),
                "{\"country\":\"" + country + "\"}", advice(id, policy, type, priority),
                List.of(new AuditRecord.IndexEntry(type, "gallium", priority, policy)), Set.of(policy, "STK-RELIANCE"));
    }

    /** The advice of {@link #record}: one recommendation, and a trace whose steps cite its policy and STK-RELIANCE. */
    static String advice(String id, String policy, String type, String priority) {
        return "{\"id\":\"" + id + "\",\"recommendations\":[{\"id\":\"r1\",\"type\":\"" + type
                + "\",\"subject\":\"gallium\",\"priority\":\"" + priority + "\",\"policyId\":\"" + policy
                + "\",\"summary\":\"…\"}],\"trace\":[{\"step\":1,\"policyId\":\"STK-RELIANCE\",\"matched\":[{\"policyId\":\"NOT-A-STEP\"}]},"
                + "{\"step\":2,\"policyId\":\"" + policy + "\"}]}";
    }

    /** An India advice with three recommendations, and its search rows as the service writes them. */
    static AuditRecord indiaRecord(String id) {
        String advice = """
                {"id":"%s","country":"IND","recommendations":[\
                {"id":"r1","type":"STOCKPILE","subject":"gallium","priority":"HIGH","policyId":"STK-TRIGGER","because":[1]},\
                {"id":"r2","type":"COALITION","subject":"FORGE","priority":"HIGH","policyId":"FORGE-ELIGIBILITY"},\
                {"id":"r3","type":"DIVERSIFY","subject":"gallium","priority":"LOW","policyId":"DIV-PARTNERS"}],\
                "warnings":[],"trace":[{"step":1,"policyId":"STK-RELIANCE"},{"step":2,"policyId":"STK-TRIGGER"},\
                {"step":3,"policyId":"RISK-CHOKEPOINT"}],"evidence":{"policyId":"NOT-A-STEP"}}""".formatted(id);
        return AuditRecord.of(id, Instant.parse("2026-11-24T11:00:00Z"), "IND", "2026-02-04", "officer", "o1",
                "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), "{\"country\":\"IND\"}", advice,
                List.of(new AuditRecord.IndexEntry("STOCKPILE", "gallium", "HIGH", "STK-TRIGGER"),
                        new AuditRecord.IndexEntry("COALITION", "FORGE", "HIGH", "FORGE-ELIGIBILITY"),
                        new AuditRecord.IndexEntry("DIVERSIFY", "gallium", "LOW", "DIV-PARTNERS")),
                Set.of("STK-RELIANCE", "STK-TRIGGER", "RISK-CHOKEPOINT", "FORGE-ELIGIBILITY", "DIV-PARTNERS"));
    }

    @Test
    void appends_and_finds_records_with_gap_free_sequence_numbers() {
        assertThat(store.append(record("adv_1", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"))).isEqualTo(1);
        assertThat(store.append(record("adv_2", "JPN", "DIV-PARTNERS", "DIVERSIFY", "MEDIUM"))).isEqualTo(2);
        StoredRecord found = store.find("adv_2").orElseThrow();
        assertThat(found.country()).isEqualTo("JPN");
        assertThat(found.input()).isEqualTo("{\"country\":\"JPN\"}");
        assertThat(found.prevHash()).isEqualTo(store.find("adv_1").orElseThrow().hash());
        assertThat(store.find("adv_3")).isEmpty();
        assertThat(store.verify()).isEqualTo(new ChainStatus(true, 2, null, null, null));
    }

    @Test
    void concurrent_writers_extend_one_valid_chain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Long>> seqs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "adv_c" + i;
                seqs.add(pool.submit(() -> store.append(record(id, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"))));
            }
            Set<Long> distinct = new HashSet<>();
            for (Future<Long> seq : seqs) {
                distinct.add(seq.get());
            }
            assertThat(distinct).hasSize(200).allMatch(s -> s >= 1 && s <= 200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.verify()).isEqualTo(new ChainStatus(true, 200, null, null, null));
    }

    @Test
    void two_store_instances_on_one_database_extend_one_valid_chain() throws Exception {
        try (JdbcAuditStore other = JdbcAuditStore.open(db, new SimpleMeterRegistry())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Long>> seqs = new ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    JdbcAuditStore target = i % 2 == 0 ? store : other;
                    String id = "adv_two" + i;
                    seqs.add(pool.submit(() -> target.append(record(id, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"))));
                }
                Set<Long> distinct = new HashSet<>();
                for (Future<Long> seq : seqs) {
                    distinct.add(seq.get());
                }
                assertThat(distinct).hasSize(120);
            } finally {
                pool.shutdownNow();
            }
            assertThat(other.verify().valid()).isTrue();
        }
        assertThat(store.verify()).isEqualTo(new ChainStatus(true, 120, null, null, null));
    }

    @Test
    void verify_names_the_first_hand_altered_record() throws Exception {
        for (int i = 1; i <= 5; i++) {
            store.append(record("adv_" + i, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        }
        try (Connection c = rawConnection();
             PreparedStatement s = c.prepareStatement("UPDATE advice_records SET advice_z = ? WHERE id = 'adv_3'")) {
            s.setBytes(1, Zstd.compress("{\"id\":\"adv_3\",\"forged\":true}".getBytes(StandardCharsets.UTF_8)));
            s.executeUpdate();
        }
        ChainStatus status = store.verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBroken()).isEqualTo("adv_3");
        assertThat(status.firstBrokenSeq()).isEqualTo(3);
        assertThat(status.reason()).isEqualTo("content does not match its hash");
        assertThat(store.find("adv_3").orElseThrow().advice()).isEqualTo("{\"id\":\"adv_3\",\"forged\":true}");
    }

    @Test
    void the_advice_and_profile_are_stored_as_zstd_frames_and_read_back_as_the_bytes_written() throws Exception {
        String advice = "{\"id\":\"adv_u\",\"country\":\"Côte d’Ivoire\",\"note\":\"≥ 0 — 日本 🇯🇵 \\u0000\"}";
        String input = "{\"country\": \"CIV\",\n  \"name\": \"Côte d’Ivoire\"}";
        store.append(AuditRecord.of("adv_u", Instant.parse("2026-11-24T10:00:00Z"), "CIV", "2026-02-04", "officer",
                "o1", "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), input, advice, List.of(), Set.of()));
        try (Connection c = rawConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT input, advice, body_codec, input_z, advice_z, dictionary FROM advice_records")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("input")).isEmpty();
            assertThat(rs.getString("advice")).isEmpty();
            assertThat(rs.getString("body_codec")).isEqualTo("zstd");
            // Standard zstd frames: any zstd tool reads them, the advice with its dictionary (zstd -D),
            // which is content-addressed: the first advice under these versions, this one.
            byte[] dictionary = org.mineralsadvisor.testing.StoredAdvice.dictionary(c, rs.getString("dictionary"));
            assertThat(dictionary).isEqualTo(advice.getBytes(StandardCharsets.UTF_8));
            assertThat(rs.getString("dictionary")).isEqualTo(ChainHash.sha256(dictionary));
            assertThat(Zstd.decompress(rs.getBytes("advice_z"), new com.github.luben.zstd.ZstdDictDecompress(dictionary),
                    1 << 20)).isEqualTo(advice.getBytes(StandardCharsets.UTF_8));
            assertThat(Zstd.decompress(rs.getBytes("input_z"), 1 << 20)).isEqualTo(input.getBytes(StandardCharsets.UTF_8));
        }
        StoredRecord found = store.find("adv_u").orElseThrow();
        assertThat(found.advice()).isEqualTo(advice);
        assertThat(found.input()).isEqualTo(input);
        assertThat(found.hash()).isEqualTo(ChainHash.of(ChainHash.GENESIS, 1, "adv_u", "2026-11-24T10:00:00.000Z", "CIV",
                "2026-02-04", "officer", "o1", "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), input, advice));
        assertThat(store.recentInputs(null, 1)).containsExactly(new StoredInput("adv_u", 1, input));
        assertThat(store.verify()).isEqualTo(new ChainStatus(true, 1, null, null, null));
    }

    @Test
    void advice_under_one_rule_set_and_fact_base_shares_one_dictionary_and_an_edited_dictionary_fails_verify()
            throws Exception {
        for (int i = 1; i <= 4; i++) {
            store.append(record("adv_" + i, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        }
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT dictionary) AS n, COUNT(dictionary) AS used "
                    + "FROM advice_records")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("n")).isEqualTo(1);
                assertThat(rs.getInt("used")).isEqualTo(4);
            }
            try (PreparedStatement edit = c.prepareStatement("UPDATE compression_dictionaries SET content_z = ?")) {
                edit.setBytes(1, Zstd.compress("{\"id\":\"adv_0\"}".getBytes(StandardCharsets.UTF_8)));
                edit.executeUpdate();
            }
        }
        // The running store holds the dictionary in memory; its chain check reads the stored one.
        ChainStatus status = store.verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBrokenSeq()).isEqualTo(1);
        assertThat(status.firstBroken()).isEqualTo("adv_1");
        assertThat(status.reason()).contains("compression dictionary").contains("was altered");
        try (JdbcAuditStore reopened = JdbcAuditStore.open(db, new SimpleMeterRegistry())) {
            assertThat(reopened.verify()).isEqualTo(status);
            assertThatThrownBy(() -> reopened.find("adv_3")).isInstanceOf(UnreadableRecordException.class)
                    .hasMessageContaining("adv_3 (seq 3)").hasMessageContaining("was altered");
        }
    }

    @Test
    void text_written_beside_a_compressed_advice_is_a_hand_edit_that_verify_names() throws Exception {
        for (int i = 1; i <= 3; i++) {
            store.append(record("adv_" + i, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        }
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE advice_records SET advice = '{\"id\":\"adv_2\",\"forged\":true}' WHERE id = 'adv_2'");
        }
        ChainStatus status = store.verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBroken()).isEqualTo("adv_2");
        assertThat(status.firstBrokenSeq()).isEqualTo(2);
        assertThat(status.reason()).contains("column advice").contains("the row was edited");
        assertThatThrownBy(() -> store.find("adv_2")).isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("adv_2 (seq 2)");
    }

    @Test
    void a_compressed_advice_that_no_longer_decompresses_is_a_verify_failure_naming_its_record() throws Exception {
        for (int i = 1; i <= 4; i++) {
            store.append(record("adv_" + i, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        }
        try (Connection c = rawConnection();
             PreparedStatement s = c.prepareStatement("UPDATE advice_records SET advice_z = ? WHERE id = 'adv_3'")) {
            byte[] frame = Zstd.compress("{\"id\":\"adv_3\"}".getBytes(StandardCharsets.UTF_8));
            s.setBytes(1, java.util.Arrays.copyOf(frame, frame.length - 3)); // cut short, as by a damaged disk
            s.executeUpdate();
        }
        ChainStatus status = store.verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.records()).isEqualTo(3);
        assertThat(status.firstBroken()).isEqualTo("adv_3");
        assertThat(status.firstBrokenSeq()).isEqualTo(3);
        assertThat(status.reason()).startsWith("the stored advice cannot be decompressed: zstd: ");
        assertThatThrownBy(() -> store.find("adv_3")).isInstanceOfSatisfying(UnreadableRecordException.class, e -> {
            assertThat(e.seq()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("advice record adv_3 (seq 3) cannot be read: the stored advice cannot "
                    + "be decompressed");
        });
        assertThatThrownBy(() -> store.linksAfter(1, 10)).isInstanceOf(UnreadableRecordException.class);
        assertThat(store.find("adv_4").orElseThrow().advice()).isEqualTo(advice("adv_4", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        assertThat(store.recentInputs(null, 10)).hasSize(4); // the profiles are intact

        try (Connection c = rawConnection();
             PreparedStatement s = c.prepareStatement("UPDATE advice_records SET advice_z = ? WHERE id = 'adv_2'")) {
            s.setBytes(1, "not a frame".getBytes(StandardCharsets.UTF_8));
            s.executeUpdate();
        }
        assertThat(store.verify().firstBrokenSeq()).isEqualTo(2);
        assertThat(store.verify().reason()).isEqualTo("the stored advice cannot be decompressed: not a zstd frame with "
                + "its size (11 bytes stored)");
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE advice_records SET body_codec = 'brotli' WHERE id = 'adv_1'");
        }
        assertThat(store.verify().firstBrokenSeq()).isEqualTo(1);
        assertThat(store.verify().reason()).isEqualTo("its bodies are stored with an unknown codec 'brotli'");
    }

    @Test
    void verify_detects_a_deleted_record_in_the_middle_and_at_the_end() throws Exception {
        for (int i = 1; i <= 4; i++) {
            store.append(record("adv_" + i, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        }
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM advice_records WHERE id = 'adv_4'");
        }
        assertThat(store.verify().valid()).isFalse();
        assertThat(store.verify().reason()).contains("removed");
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM advice_records WHERE id = 'adv_2'");
        }
        ChainStatus status = store.verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBroken()).isEqualTo("adv_3");
    }

    @Test
    void searches_by_country_policy_type_priority_rule_set_and_time_with_stable_cursor_pages() {
        store.append(record("adv_a", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        store.append(record("adv_b", "JPN", "DIV-PARTNERS", "DIVERSIFY", "MEDIUM"));
        store.append(record("adv_c", "IND", "COR-RANK", "CORRIDOR", "LOW"));
        store.append(record("adv_d", "IND", "STK-TRIGGER", "STOCKPILE", "LOW"));
        assertThat(ids(query("IND", null, null, null, 10, null))).containsExactly("adv_d", "adv_c", "adv_a");
        assertThat(ids(query(null, "STK-TRIGGER", null, null, 10, null))).containsExactly("adv_d", "adv_a");
        assertThat(ids(query(null, "STK-RELIANCE", null, null, 10, null))).hasSize(4);
        assertThat(ids(query(null, null, "STOCKPILE", "LOW", 10, null))).containsExactly("adv_d");
        assertThat(ids(query(null, null, "STOCKPILE", "MEDIUM", 10, null))).isEmpty();
        assertThat(ids(store.search(new AuditQuery(null, null, null, null, null, null, "sha256:" + "a".repeat(64), 10, null))))
                .hasSize(4);
        assertThat(ids(store.search(new AuditQuery(null, "2100-01-01T00:00:00.000Z", null, null, null, null, null, 10, null))))
                .isEmpty();
        AuditSearchPage first = query(null, null, null, null, 2, null);
        assertThat(ids(first)).containsExactly("adv_d", "adv_c");
        assertThat(first.nextBeforeSeq()).isEqualTo(3);
        store.append(record("adv_e", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH")); // a new record does not shift pages
        AuditSearchPage second = query(null, null, null, null, 2, first.nextBeforeSeq());
        assertThat(ids(second)).containsExactly("adv_b", "adv_a");
        assertThat(second.nextBeforeSeq()).isNull();
        assertThat(second.excluded()).isEmpty();
        assertThat(second.hits().get(0).recommendations()).containsExactly(
                new AuditRecord.IndexEntry("DIVERSIFY", "gallium", "MEDIUM", "DIV-PARTNERS"));
    }

    @Test
    void recent_inputs_are_the_stored_profiles_newest_first_since_an_instant_and_at_most_the_limit() {
        Instant start = Instant.parse("2026-11-24T10:00:00Z");
        for (int i = 1; i <= 4; i++) {
            store.append(AuditRecord.of("adv_" + i, start.plusSeconds(60L * i), "IND", "2026-02-04", "officer", "o1",
                    "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), "{\"n\": " + i + "}", "{}", List.of(),
                    Set.of()));
        }
        assertThat(store.recentInputs(null, 10)).containsExactly(new StoredInput("adv_4", 4, "{\"n\": 4}"),
                new StoredInput("adv_3", 3, "{\"n\": 3}"), new StoredInput("adv_2", 2, "{\"n\": 2}"),
                new StoredInput("adv_1", 1, "{\"n\": 1}"));
        assertThat(store.recentInputs(null, 2)).extracting(StoredInput::id).containsExactly("adv_4", "adv_3");
        assertThat(store.recentInputs(start.plusSeconds(120), 10)).extracting(StoredInput::id)
                .containsExactly("adv_4", "adv_3", "adv_2");
        assertThat(store.recentInputs(start.plusSeconds(121), 1)).extracting(StoredInput::id).containsExactly("adv_4");
        assertThat(store.recentInputs(start.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void stores_rule_set_and_fact_base_contents_once_per_version() {
        store.storeRuleSet("sha256:r1", Map.of("stockpile.drl", "rule…", "policies.yaml", "policies: []"));
        store.storeRuleSet("sha256:r1", Map.of("stockpile.drl", "other"));
        assertThat(store.ruleSet("sha256:r1").orElseThrow()).containsEntry("stockpile.drl", "rule…").hasSize(2);
        store.storeFactBase("sha256:f1", Map.of("minerals.csv", "id,name"));
        assertThat(store.factBase("sha256:f1").orElseThrow()).containsEntry("minerals.csv", "id,name");
        assertThat(store.ruleSet("sha256:nope")).isEmpty();
    }

    @Test
    void the_head_and_the_links_after_a_record_prove_its_place_in_the_chain() {
        for (int i = 1; i <= 3; i++) {
            store.append(record("adv_" + i, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        }
        List<ChainLink> links = store.linksAfter(1, 10);
        assertThat(links).extracting(ChainLink::seq).containsExactly(2L, 3L);
        assertThat(links.get(0).prevHash()).isEqualTo(store.find("adv_1").orElseThrow().hash());
        assertThat(links).allMatch(l -> l.recomputedHash().equals(l.hash()));
        assertThat(store.head().seq()).isEqualTo(3);
        assertThat(store.head().hash()).isEqualTo(links.get(1).hash());
        assertThat(store.writable()).isTrue();
    }

    static ActivationRequest activation(String id, String version, String previous) {
        return new ActivationRequest(id, Instant.parse("2026-11-25T09:00:00.123Z"), version, previous, "expert-a",
                List.of("expert-a", "expert-b"), "raise the corridor threshold for " + version,
                "{\"tests\":{\"passed\":12,\"failed\":0},\"impact\":{\"changed\":3}}");
    }

    @Test
    void activations_are_records_of_the_chain_sharing_its_sequence_numbers_with_advice() {
        store.append(record("adv_1", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        assertThat(store.latestActivation()).isEmpty();
        assertThat(store.appendActivation(activation("act_1", "sha256:v1", null))).isEqualTo(2);
        store.append(record("adv_3", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        assertThat(store.appendActivation(activation("act_2", "sha256:v2", "sha256:v1"))).isEqualTo(4);

        Activation first = store.activation("act_1").orElseThrow();
        assertThat(first.seq()).isEqualTo(2);
        assertThat(first.activatedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00.123Z"));
        assertThat(first.previousVersion()).isNull();
        assertThat(first.approvers()).containsExactly("expert-a", "expert-b");
        assertThat(first.summaryJson()).contains("\"passed\":12");
        assertThat(first.prevHash()).isEqualTo(store.find("adv_1").orElseThrow().hash());
        assertThat(first.recomputedHash()).isEqualTo(first.hash());
        assertThat(store.find("adv_3").orElseThrow().prevHash()).isEqualTo(first.hash());
        assertThat(store.latestActivation().orElseThrow().id()).isEqualTo("act_2");
        assertThat(store.activations()).extracting(Activation::id).containsExactly("act_1", "act_2");
        assertThat(store.activation("adv_1")).isEmpty();
        assertThat(store.find("act_1")).isEmpty();

        List<ChainLink> links = store.linksAfter(1, 10);
        assertThat(links).extracting(ChainLink::kind).containsExactly("activation", "advice", "activation");
        assertThat(links).allMatch(l -> l.recomputedHash().equals(l.hash()));
        assertThat(store.linksAfter(1, 2)).extracting(ChainLink::seq).containsExactly(2L, 3L);
        assertThat(store.head().seq()).isEqualTo(4);
        assertThat(store.head().hash()).isEqualTo(store.latestActivation().orElseThrow().hash());
        assertThat(store.verify()).isEqualTo(new ChainStatus(true, 4, null, null, null));
    }

    @Test
    void an_activation_from_a_version_no_longer_active_is_refused_and_writes_nothing() {
        store.appendActivation(activation("act_1", "sha256:v1", null));
        ChainLink head = store.head();
        assertThatThrownBy(() -> store.appendActivation(activation("act_2", "sha256:v2", null)))
                .isInstanceOfSatisfying(ActivationConflictException.class,
                        e -> assertThat(e.activeVersion()).isEqualTo("sha256:v1"))
                .hasMessageContaining("sha256:v1");
        assertThat(store.head()).isEqualTo(head);
        assertThat(store.activation("act_2")).isEmpty();
        store.appendActivation(activation("act_3", "sha256:v2", "sha256:v1"));
        // A rollback is an activation like any other, from the version active now.
        assertThatThrownBy(() -> store.appendActivation(activation("act_4", "sha256:v1", "sha256:v1")))
                .isInstanceOfSatisfying(ActivationConflictException.class,
                        e -> assertThat(e.activeVersion()).isEqualTo("sha256:v2"));
        assertThat(store.appendActivation(activation("act_5", "sha256:v1", "sha256:v2"))).isEqualTo(3);
        assertThatThrownBy(() -> store.appendActivation(activation("act_5", "sha256:v3", "sha256:v1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("act_5 is already stored");
        assertThatThrownBy(() -> store.appendActivation(new ActivationRequest("act_6", Instant.now(), "sha256:v3",
                "sha256:v1", "expert-a", List.of(), null, "{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an activation needs reason");
        assertThat(store.activations()).extracting(Activation::version)
                .containsExactly("sha256:v1", "sha256:v2", "sha256:v1");
        assertThat(store.verify().valid()).isTrue();
    }

    @Test
    void candidates_are_saved_replaced_by_version_and_listed_in_proposal_order() {
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        store.saveCandidate(new Candidate("sha256:c2", "upload", "expert-b", "second", t.plusSeconds(60), "ready",
                "{\"a.drl\":\"x\"}", "{\"problems\":[]}"));
        store.saveCandidate(new Candidate("sha256:c1", "disk", "local", "first", t, "rejected",
                "{\"a.drl\":\"y\",\"tests/t.yaml\":\"z\"}", "{\"problems\":[\"a.drl:1:1: e: m\"]}"));
        assertThat(store.candidates()).extracting(Candidate::version).containsExactly("sha256:c1", "sha256:c2");
        Candidate replaced = new Candidate("sha256:c1", "disk", "local", "fixed", t.plusSeconds(120), "ready",
                "{\"a.drl\":\"y2\"}", "{\"problems\":[]}");
        store.saveCandidate(replaced);
        assertThat(store.candidate("sha256:c1")).contains(replaced);
        assertThat(store.candidates()).extracting(Candidate::version).containsExactly("sha256:c2", "sha256:c1");
        assertThat(store.candidate("sha256:none")).isEmpty();
    }

    @Test
    void a_key_approves_a_version_once() {
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        assertThat(store.addApproval(new Approval("sha256:c1", "expert-b", t.plusSeconds(5)))).isTrue();
        assertThat(store.addApproval(new Approval("sha256:c1", "expert-a", t.plusSeconds(9)))).isTrue();
        assertThat(store.addApproval(new Approval("sha256:c1", "expert-b", t.plusSeconds(30)))).isFalse();
        assertThat(store.addApproval(new Approval("sha256:c2", "expert-b", t))).isTrue();
        assertThat(store.approvals("sha256:c1")).containsExactly(
                new Approval("sha256:c1", "expert-b", t.plusSeconds(5)), new Approval("sha256:c1", "expert-a", t.plusSeconds(9)));
        assertThat(store.approvals("sha256:none")).isEmpty();
    }

    @Test
    void two_store_instances_approving_with_one_key_at_once_add_one_approval() throws Exception {
        try (JdbcAuditStore other = JdbcAuditStore.open(db, new SimpleMeterRegistry())) {
            for (int round = 0; round < 5; round++) {
                String version = "sha256:r" + round;
                List<Boolean> added = race(() -> store.addApproval(new Approval(version, "expert-b", Instant.now())),
                        () -> other.addApproval(new Approval(version, "expert-b", Instant.now())));
                assertThat(added).containsExactlyInAnyOrder(true, false);
                assertThat(store.approvals(version)).hasSize(1);
            }
        }
    }

    @Test
    void advice_and_activations_appended_concurrently_extend_one_valid_chain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Long>> seqs = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                String id = "adv_m" + i;
                seqs.add(pool.submit(() -> store.append(record(id, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"))));
                if (i % 10 == 0) {
                    String version = "sha256:m" + i;
                    seqs.add(pool.submit(() -> activateFromLatest(store, "act_" + version.substring(7), version)));
                }
            }
            Set<Long> distinct = new HashSet<>();
            for (Future<Long> seq : seqs) {
                distinct.add(seq.get());
            }
            assertThat(distinct).hasSize(165).allMatch(s -> s >= 1 && s <= 165);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.verify()).isEqualTo(new ChainStatus(true, 165, null, null, null));
        List<Activation> history = store.activations();
        assertThat(history).hasSize(15);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).previousVersion()).isEqualTo(history.get(i - 1).version());
        }
    }

    /** An approver's loop: activate from the version active now, and on a conflict look again. */
    private static long activateFromLatest(AuditStore target, String id, String version) {
        while (true) {
            String active = target.latestActivation().map(Activation::version).orElse(null);
            try {
                return target.appendActivation(activation(id, version, active));
            } catch (ActivationConflictException e) {
                // someone else activated in between: retry from theirs
            }
        }
    }

    @Test
    void two_store_instances_activating_from_the_same_version_at_once_have_exactly_one_winner() throws Exception {
        try (JdbcAuditStore other = JdbcAuditStore.open(db, new SimpleMeterRegistry())) {
            String active = null;
            for (int round = 0; round < 5; round++) {
                String from = active;
                String mine = "sha256:a" + round;
                String theirs = "sha256:b" + round;
                List<Object> outcomes = race(() -> attempt(store, "act_" + mine.substring(7), mine, from),
                        () -> attempt(other, "act_" + theirs.substring(7), theirs, from));
                assertThat(outcomes).filteredOn(o -> o instanceof Long).hasSize(1);
                List<Object> refused = outcomes.stream().filter(o -> o instanceof ActivationConflictException).toList();
                assertThat(refused).hasSize(1);
                active = store.latestActivation().orElseThrow().version();
                assertThat(active).isIn(mine, theirs);
                assertThat(((ActivationConflictException) refused.get(0)).activeVersion()).isEqualTo(active);
                assertThat(other.latestActivation().orElseThrow().version()).isEqualTo(active);
            }
            assertThat(store.activations()).hasSize(5);
            assertThat(other.verify()).isEqualTo(new ChainStatus(true, 5, null, null, null));
        }
    }

    private static Object attempt(AuditStore target, String id, String version, String from) {
        try {
            return target.appendActivation(activation(id, version, from));
        } catch (ActivationConflictException e) {
            return e;
        }
    }

    /** Runs both at the same moment (as far as two threads can) and returns their results in order. */
    @SafeVarargs
    private static <T> List<T> race(java.util.concurrent.Callable<? extends T>... tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(tasks.length);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (var task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void verify_names_a_hand_altered_activation_and_the_record_after_a_removed_one() throws Exception {
        store.append(record("adv_1", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        store.appendActivation(activation("act_2", "sha256:v1", null));
        store.append(record("adv_3", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE activation_records SET approvers = '[\"expert-a\",\"expert-c\"]' WHERE id = 'act_2'");
        }
        ChainStatus edited = store.verify();
        assertThat(edited.valid()).isFalse();
        assertThat(edited.firstBroken()).isEqualTo("act_2");
        assertThat(edited.firstBrokenSeq()).isEqualTo(2);
        assertThat(edited.reason()).isEqualTo("activation record: content does not match its hash");
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM activation_records WHERE id = 'act_2'");
        }
        ChainStatus removed = store.verify();
        assertThat(removed.valid()).isFalse();
        assertThat(removed.firstBroken()).isEqualTo("adv_3");
        assertThat(removed.reason()).contains("sequence gap: expected 2, found 3");
    }

    @Test
    void verify_notices_an_activation_removed_at_the_end() throws Exception {
        store.append(record("adv_1", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        store.appendActivation(activation("act_2", "sha256:v1", null));
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM activation_records WHERE id = 'act_2'");
        }
        assertThat(store.verify().valid()).isFalse();
        assertThat(store.verify().reason()).contains("removed");
    }

    // Search rows (advice_recommendations, advice_policies) are derived from the advice, outside the
    // hash: verify compares them with the advice, and search checks its hits against it.

    private void sql(String... statements) throws SQLException {
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    @Test
    void verify_names_the_record_whose_search_row_priority_was_edited_and_says_what_differs() throws Exception {
        store.append(record("adv_1", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        store.append(indiaRecord("adv_2"));
        store.append(record("adv_3", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        assertThat(store.verify()).isEqualTo(new ChainStatus(true, 3, null, null, null));

        sql("UPDATE advice_recommendations SET priority = 'LOW' WHERE seq = 2 AND position = 2");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 2, "adv_2", 2L, "search rows do not match the "
                + "record: recommendation 2 is stored as COALITION FORGE LOW FORGE-ELIGIBILITY, the advice has "
                + "COALITION FORGE HIGH FORGE-ELIGIBILITY"));

        // The first problem in seq order wins: a later broken record does not hide this one ...
        sql("UPDATE advice_records SET country = 'CHN' WHERE seq = 3");
        assertThat(store.verify().firstBroken()).isEqualTo("adv_2");
        // ... and at one record, a chain problem comes before a row problem.
        sql("UPDATE advice_records SET country = 'CHN' WHERE seq = 2");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 2, "adv_2", 2L, "content does not match its hash"));
    }

    @Test
    void verify_names_a_deleted_added_or_changed_recommendation_or_policy_row() throws Exception {
        store.append(record("adv_1", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        store.append(indiaRecord("adv_2"));
        String prefix = "search rows do not match the record: ";

        sql("DELETE FROM advice_policies WHERE seq = 2 AND policy_id = 'RISK-CHOKEPOINT'");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 2, "adv_2", 2L,
                prefix + "policy RISK-CHOKEPOINT is in the advice but has no search row"));
        sql("INSERT INTO advice_policies (seq, policy_id) VALUES (2, 'RISK-CHOKEPOINT')",
                "INSERT INTO advice_policies (seq, policy_id) VALUES (2, 'FOO')");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 2, "adv_2", 2L,
                prefix + "policy FOO has a search row but is not in the advice"));
        sql("DELETE FROM advice_policies WHERE policy_id = 'FOO'",
                "DELETE FROM advice_recommendations WHERE seq = 2 AND position = 3");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 2, "adv_2", 2L,
                prefix + "recommendation 3 (DIVERSIFY gallium LOW DIV-PARTNERS) is missing"));
        sql("INSERT INTO advice_recommendations (seq, position, type, subject, priority, policy_id) "
                        + "VALUES (2, 3, 'DIVERSIFY', 'gallium', 'LOW', 'DIV-PARTNERS')",
                "INSERT INTO advice_recommendations (seq, position, type, subject, priority, policy_id) "
                        + "VALUES (2, 4, 'STOCKPILE', 'cobalt', 'HIGH', 'STK-TRIGGER')");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 2, "adv_2", 2L, prefix + "an extra recommendation "
                + "row 4 (STOCKPILE cobalt HIGH STK-TRIGGER) is stored, the advice has 3 recommendation(s)"));
        sql("DELETE FROM advice_recommendations WHERE seq = 2", "DELETE FROM advice_policies WHERE seq = 2");
        assertThat(store.verify().reason()).isEqualTo(prefix + "recommendation 1 (STOCKPILE gallium HIGH STK-TRIGGER) "
                + "is missing (and 7 more differences)");
        sql("DELETE FROM advice_recommendations WHERE seq = 1");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 1, "adv_1", 1L,
                prefix + "recommendation 1 (STOCKPILE gallium HIGH STK-TRIGGER) is missing"));
    }

    @Test
    void verify_names_search_rows_at_a_seq_that_is_no_advice_record() throws Exception {
        store.append(record("adv_1", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        store.appendActivation(activation("act_2", "sha256:v1", null));
        store.append(record("adv_3", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));

        sql("INSERT INTO advice_policies (seq, policy_id) VALUES (2, 'STK-TRIGGER')");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 2, "act_2", 2L, "search rows belong to no advice "
                + "record: seq 2 is a rule-set activation (policy row STK-TRIGGER)"));
        sql("DELETE FROM advice_policies WHERE seq = 2");
        store.appendKey(new KeyRequest("key_4", "2026-11-25T09:00:00.000Z", "k1", "public key", null, null, "proof"));
        sql("INSERT INTO advice_policies (seq, policy_id) VALUES (4, 'STK-TRIGGER')");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 4, "key_4", 4L, "search rows belong to no advice "
                + "record: seq 4 is a key record (policy row STK-TRIGGER)"));
        sql("DELETE FROM advice_policies WHERE seq = 4",
                "INSERT INTO advice_recommendations (seq, position, type, subject, priority, policy_id) "
                        + "VALUES (9, 1, 'STOCKPILE', 'gallium', 'HIGH', 'STK-TRIGGER')",
                "INSERT INTO advice_policies (seq, policy_id) VALUES (9, 'STK-TRIGGER')");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 4, null, 9L, "search rows belong to no advice "
                + "record: no advice record has seq 9 (recommendation row 1 (STOCKPILE gallium HIGH STK-TRIGGER) and "
                + "1 more row)"));
        // Rows of a record that is committed after verify read the head are not taken for orphans.
        store.append(record("adv_5", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        sql("UPDATE chain_head SET seq = 3, hash = (SELECT hash FROM advice_records WHERE seq = 3) WHERE id = 1",
                "DELETE FROM advice_recommendations WHERE seq = 9", "DELETE FROM advice_policies WHERE seq = 9");
        assertThat(store.verify()).isEqualTo(new ChainStatus(true, 3, null, null, null));
        sql("INSERT INTO advice_policies (seq, policy_id) VALUES (0, 'STK-TRIGGER')");
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 0, null, 0L, "search rows belong to no advice "
                + "record: no advice record has seq 0 (policy row STK-TRIGGER)"));
    }

    @Test
    void an_advice_whose_search_rows_cannot_be_derived_fails_verify() {
        store.append(AuditRecord.of("adv_1", Instant.parse("2026-11-24T10:00:00Z"), "IND", "2026-02-04", "officer",
                "o1", "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), "{}",
                "{\"id\":\"adv_1\",\"recommendations\":[{\"type\":\"STOCKPILE\",\"subject\":\"gallium\"}]}",
                List.of(), Set.of()));
        assertThat(store.verify()).isEqualTo(new ChainStatus(false, 1, "adv_1", 1L,
                "search rows cannot be checked: recommendation 1 has no priority"));
    }

    @Test
    void a_search_row_edited_to_add_a_record_to_a_search_is_left_out_and_listed_as_excluded() throws Exception {
        store.append(indiaRecord("adv_1"));
        store.append(record("adv_2", "IND", "STK-TRIGGER", "STOCKPILE", "LOW"));
        store.append(record("adv_3", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        assertThat(ids(query(null, null, "STOCKPILE", "HIGH", 10, null))).containsExactly("adv_3", "adv_1");

        // The advice of adv_2 says LOW; its search row is made to say HIGH.
        sql("UPDATE advice_recommendations SET priority = 'HIGH' WHERE seq = 2");
        AuditSearchPage high = query(null, null, "STOCKPILE", "HIGH", 10, null);
        assertThat(ids(high)).containsExactly("adv_3", "adv_1");
        assertThat(high.excluded()).containsExactly(new AuditSearchPage.Excluded(2, "adv_2", "search rows do not match "
                + "the record: recommendation 1 is stored as STOCKPILE gallium HIGH STK-TRIGGER, the advice has "
                + "STOCKPILE gallium LOW STK-TRIGGER; by its advice the record does not match this search"));
        // Where it still matches by its advice, it is found, with the recommendations its advice has.
        AuditSearchPage all = query("IND", null, null, null, 10, null);
        assertThat(ids(all)).containsExactly("adv_3", "adv_2", "adv_1");
        assertThat(all.excluded()).isEmpty();
        assertThat(all.hits().get(1).recommendations())
                .containsExactly(new AuditRecord.IndexEntry("STOCKPILE", "gallium", "LOW", "STK-TRIGGER"));

        // Pages continue after the last record scanned, whether it was returned or not.
        AuditSearchPage first = query(null, null, "STOCKPILE", "HIGH", 1, null);
        assertThat(ids(first)).containsExactly("adv_3");
        AuditSearchPage second = query(null, null, "STOCKPILE", "HIGH", 1, first.nextBeforeSeq());
        assertThat(ids(second)).isEmpty();
        assertThat(second.excluded()).extracting(AuditSearchPage.Excluded::id).containsExactly("adv_2");
        AuditSearchPage third = query(null, null, "STOCKPILE", "HIGH", 1, second.nextBeforeSeq());
        assertThat(ids(third)).containsExactly("adv_1");
        assertThat(third.nextBeforeSeq()).isNull();

        // A policy row added to a record whose advice does not name it.
        sql("INSERT INTO advice_policies (seq, policy_id) VALUES (3, 'COR-GATE')");
        AuditSearchPage policy = query(null, "COR-GATE", null, null, 10, null);
        assertThat(ids(policy)).isEmpty();
        assertThat(policy.excluded()).containsExactly(new AuditSearchPage.Excluded(3, "adv_3", "search rows do not "
                + "match the record: policy COR-GATE has a search row but is not in the advice; by its advice the "
                + "record does not match this search"));
        assertThat(store.verify().firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void a_search_row_edited_to_keep_a_record_out_of_a_search_does_not_hide_it() throws Exception {
        store.append(record("adv_1", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        store.append(record("adv_2", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        store.append(record("adv_3", "IND", "STK-TRIGGER", "STOCKPILE", "LOW"));
        // Its only HIGH row made LOW, and its policy row deleted: the rows alone would hide adv_2.
        sql("UPDATE advice_recommendations SET priority = 'LOW' WHERE seq = 2",
                "DELETE FROM advice_policies WHERE seq = 2 AND policy_id = 'STK-TRIGGER'");
        assertThat(ids(query(null, null, "STOCKPILE", "HIGH", 10, null))).containsExactly("adv_2", "adv_1");
        assertThat(query(null, null, "STOCKPILE", "HIGH", 10, null).hits().get(0).recommendations())
                .containsExactly(new AuditRecord.IndexEntry("STOCKPILE", "gallium", "HIGH", "STK-TRIGGER"));
        assertThat(ids(query(null, "STK-TRIGGER", null, null, 10, null))).containsExactly("adv_3", "adv_2", "adv_1");
        // And the LOW row it was given does not put it into a search for LOW.
        AuditSearchPage low = query(null, null, "STOCKPILE", "LOW", 10, null);
        assertThat(ids(low)).containsExactly("adv_3");
        assertThat(low.excluded()).extracting(AuditSearchPage.Excluded::id).containsExactly("adv_2");

        // Page by page, each record once.
        AuditSearchPage first = query(null, null, "STOCKPILE", "HIGH", 1, null);
        assertThat(ids(first)).containsExactly("adv_2");
        AuditSearchPage second = query(null, null, "STOCKPILE", "HIGH", 1, first.nextBeforeSeq());
        assertThat(ids(second)).containsExactly("adv_1");
        assertThat(second.nextBeforeSeq()).isNull();
    }

    @Test
    void a_page_reads_at_most_its_window_beyond_its_hits_and_the_cursor_goes_on_from_there() throws Exception {
        int records = AuditQueries.KEPT_OUT_WINDOW + 20;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> appended = new ArrayList<>();
            for (int i = 1; i <= records; i++) {
                String id = "adv_w" + i;
                String priority = i == 1 || i == 10 ? "HIGH" : "LOW";
                appended.add(pool.submit(() -> store.append(record(id, "IND", "STK-TRIGGER", "STOCKPILE", priority))));
            }
            for (Future<Long> f : appended) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        java.util.Map<Long, String> bySeq = new java.util.HashMap<>();
        for (int i = 1; i <= records; i++) {
            StoredRecord r = store.find("adv_w" + i).orElseThrow();
            bySeq.put(r.seq(), r.id());
        }
        long highest = records;
        // The newest record's HIGH is hidden by its row: it is found on the first page.
        long hidden = bySeq.entrySet().stream().filter(e -> e.getValue().equals("adv_w1") || e.getValue().equals("adv_w10"))
                .mapToLong(java.util.Map.Entry::getKey).max().orElseThrow();
        sql("UPDATE advice_recommendations SET priority = 'LOW' WHERE seq = " + hidden);
        List<String> found = new ArrayList<>();
        Long cursor = null;
        int pages = 0;
        do {
            AuditSearchPage page = query(null, null, "STOCKPILE", "HIGH", 50, cursor);
            found.addAll(ids(page));
            cursor = page.nextBeforeSeq();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(found).containsExactlyInAnyOrder("adv_w1", "adv_w10");
        assertThat(found).doesNotHaveDuplicates();
        assertThat(pages).as("a page reads at most %d records beyond its hits", AuditQueries.KEPT_OUT_WINDOW)
                .isGreaterThanOrEqualTo(2);
        assertThat(highest).isEqualTo(store.head().seq());
    }

    @Test
    void a_search_hit_whose_content_fails_its_hash_or_cannot_be_read_is_excluded() throws Exception {
        for (int i = 1; i <= 3; i++) {
            store.append(record("adv_" + i, "IND", "STK-TRIGGER", "STOCKPILE", "HIGH"));
        }
        sql("UPDATE advice_records SET key_id = 'someone-else' WHERE seq = 3");
        try (Connection c = rawConnection();
             PreparedStatement s = c.prepareStatement("UPDATE advice_records SET advice_z = ? WHERE seq = 1")) {
            s.setBytes(1, "not a frame".getBytes(StandardCharsets.UTF_8));
            s.executeUpdate();
        }
        AuditSearchPage page = query("IND", null, null, null, 10, null);
        assertThat(ids(page)).containsExactly("adv_2");
        assertThat(page.excluded()).containsExactly(
                new AuditSearchPage.Excluded(3, "adv_3", "content does not match its hash"),
                new AuditSearchPage.Excluded(1, "adv_1", "the record cannot be read: the stored advice cannot be "
                        + "decompressed: not a zstd frame with its size (11 bytes stored)"));
    }

    private AuditSearchPage query(String country, String policy, String type, String priority, int limit, Long before) {
        return store.search(new AuditQuery(country, null, null, policy, type, priority, null, limit, before));
    }

    private static List<String> ids(AuditSearchPage page) {
        return page.hits().stream().map(AuditSummary::id).toList();
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
