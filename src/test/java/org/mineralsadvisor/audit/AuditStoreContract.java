package org.mineralsadvisor.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
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
                "{\"country\":\"" + country + "\"}", "{\"id\":\"" + id + "\"}",
                List.of(new AuditRecord.IndexEntry(type, "gallium", priority, policy)), Set.of(policy, "STK-RELIANCE"));
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
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE advice_records SET advice = '{\"id\":\"adv_3\",\"forged\":true}' WHERE id = 'adv_3'");
        }
        ChainStatus status = store.verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBroken()).isEqualTo("adv_3");
        assertThat(status.firstBrokenSeq()).isEqualTo(3);
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
        List<AuditSummary> first = query(null, null, null, null, 2, null);
        assertThat(ids(first)).containsExactly("adv_d", "adv_c");
        store.append(record("adv_e", "IND", "STK-TRIGGER", "STOCKPILE", "HIGH")); // a new record does not shift pages
        List<AuditSummary> second = query(null, null, null, null, 2, first.get(1).seq());
        assertThat(ids(second)).containsExactly("adv_b", "adv_a");
        assertThat(second.get(0).recommendations()).containsExactly(
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

    private List<AuditSummary> query(String country, String policy, String type, String priority, int limit, Long before) {
        return store.search(new AuditQuery(country, null, null, policy, type, priority, null, limit, before));
    }

    private static List<String> ids(List<AuditSummary> hits) {
        return hits.stream().map(AuditSummary::id).toList();
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
