package org.mineralsadvisor.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The audit store on SQLite or PostgreSQL. One writer thread per instance takes every
 * pending record off a queue and commits them in one transaction (group commit): concurrent
 * requests share a commit, yet each gets its answer only after that commit. The writer locks
 * the chain head in the same transaction, so instances sharing one PostgreSQL extend one
 * gap-free chain. Nothing is ever dropped: a full queue makes callers wait, a failed
 * commit fails every caller in it.
 */
public final class JdbcAuditStore implements AuditStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BATCH = 256;
    private static final long COMMIT_WAIT_SECONDS = 30;

    private record Pending(AuditRecord record, CompletableFuture<Long> done) {
    }

    private final StoreLocation location;
    private final HikariDataSource pool;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(4096);
    private final Thread writer;
    private volatile boolean closing;
    private final Counter written;
    private final Counter failed;
    private final Timer writeLatency;
    private final DistributionSummary batchSize;

    private JdbcAuditStore(StoreLocation location, HikariDataSource pool, MeterRegistry metrics) {
        this.location = location;
        this.pool = pool;
        this.written = Counter.builder("advisor_audit_records_written").description("Advice records committed to the audit store").register(metrics);
        this.failed = Counter.builder("advisor_audit_write_failures").description("Advice records whose commit failed (the advice was not given)").register(metrics);
        this.writeLatency = Timer.builder("advisor_audit_write").description("Time from enqueueing a record to its commit")
                .publishPercentileHistogram().register(metrics);
        this.batchSize = DistributionSummary.builder("advisor_audit_batch_records").description("Records per group commit").register(metrics);
        this.writer = new Thread(this::writeLoop, "audit-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Opens (creating and migrating as needed) the store at {@code db}: a path or a JDBC URL. */
    public static JdbcAuditStore open(String db, MeterRegistry metrics) {
        StoreLocation location = StoreLocation.parse(db);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        config.setPoolName("audit");
        config.setMaximumPoolSize(location.dialect() == StoreLocation.Dialect.SQLITE ? 4 : 8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open the audit store " + location.display() + ": " + rootMessage(e), e);
        }
        try {
            var flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration");
            if (location.schema() != null) {
                // PostgreSQL URL with currentSchema=…: Flyway creates and migrates that schema.
                flyway = flyway.schemas(location.schema()).defaultSchema(location.schema()).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreUnavailableException("cannot migrate the audit store " + location.display() + ": " + rootMessage(e), e);
        }
        return new JdbcAuditStore(location, pool, metrics);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public String description() {
        return location.dialect().name().toLowerCase() + " " + location.display();
    }

    @Override
    public long append(AuditRecord record) {
        if (closing) {
            throw new StoreUnavailableException("the audit store is closing", null);
        }
        Pending pending = new Pending(record, new CompletableFuture<>());
        long start = System.nanoTime();
        try {
            if (!queue.offer(pending, COMMIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreUnavailableException("the audit store is not keeping up: no room to queue the record", null);
            }
            long seq = pending.done().get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
            writeLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return seq;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the audit commit", e);
        } catch (ExecutionException e) {
            throw new StoreUnavailableException("the audit record could not be committed: " + rootMessage(e), e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("the audit commit did not finish within " + COMMIT_WAIT_SECONDS + " s", e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                if (closing) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("audit writer: unexpected failure", e);
            }
        }
    }

    private void commit(List<Pending> batch) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                long[] seqs = insert(c, batch);
                c.commit();
                written.increment(batch.size());
                batchSize.record(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(seqs[i]);
                }
            } catch (SQLException | RuntimeException e) {
                safeRollback(c);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            failed.increment(batch.size());
            LOG.error("audit commit of {} record(s) failed: {}", batch.size(), e.getMessage());
            for (Pending p : batch) {
                p.done().completeExceptionally(e);
            }
        }
    }

    private long[] insert(Connection c, List<Pending> batch) throws SQLException {
        long seq;
        String hash;
        String lock = location.dialect() == StoreLocation.Dialect.POSTGRES
                ? "SELECT seq, hash FROM chain_head WHERE id = 1 FOR UPDATE"
                : "SELECT seq, hash FROM chain_head WHERE id = 1";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(lock)) {
            rs.next();
            seq = rs.getLong(1);
            hash = rs.getString(2);
        }
        long[] seqs = new long[batch.size()];
        try (PreparedStatement record = c.prepareStatement("INSERT INTO advice_records (seq, id, created_at, country, as_of, "
                + "role, key_id, rule_set_version, fact_base_version, input, advice, prev_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement index = c.prepareStatement("INSERT INTO advice_recommendations "
                     + "(seq, position, type, subject, priority, policy_id) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement policies = c.prepareStatement("INSERT INTO advice_policies (seq, policy_id) VALUES (?, ?)")) {
            for (int i = 0; i < batch.size(); i++) {
                AuditRecord r = batch.get(i).record();
                seq++;
                String createdAt = org.mineralsadvisor.provenance.Timestamps.format(r.createdAt());
                String next = ChainHash.ofDigests(hash, seq, r.id(), createdAt, r.country(), r.asOf(), r.role(),
                        r.keyId(), r.ruleSetVersion(), r.factBaseVersion(), ChainHash.sha256(r.input()),
                        ChainHash.sha256(r.advice()));
                int col = 1;
                record.setLong(col++, seq);
                record.setString(col++, r.id());
                record.setString(col++, createdAt);
                record.setString(col++, r.country());
                record.setString(col++, r.asOf());
                record.setString(col++, r.role());
                record.setString(col++, r.keyId());
                record.setString(col++, r.ruleSetVersion());
                record.setString(col++, r.factBaseVersion());
                record.setString(col++, r.input());
                if (location.dialect() == StoreLocation.Dialect.SQLITE) {
                    // The UTF-8 bytes as they are: SQLite keeps them as they are and reads them back
                    // as text, so a 100 KB advice is not converted between encodings once more.
                    record.setBytes(col++, r.advice());
                } else {
                    record.setString(col++, new String(r.advice(), java.nio.charset.StandardCharsets.UTF_8));
                }
                record.setString(col++, hash);
                record.setString(col, next);
                record.addBatch();
                int position = 0;
                for (AuditRecord.IndexEntry e : r.recommendations()) {
                    index.setLong(1, seq);
                    index.setInt(2, ++position);
                    index.setString(3, e.type());
                    index.setString(4, e.subject());
                    index.setString(5, e.priority());
                    index.setString(6, e.policyId());
                    index.addBatch();
                }
                for (String policy : new java.util.TreeSet<>(r.firedPolicies())) {
                    policies.setLong(1, seq);
                    policies.setString(2, policy);
                    policies.addBatch();
                }
                hash = next;
                seqs[i] = seq;
            }
            record.executeBatch();
            index.executeBatch();
            policies.executeBatch();
        }
        try (PreparedStatement head = c.prepareStatement("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")) {
            head.setLong(1, seq);
            head.setString(2, hash);
            head.executeUpdate();
        }
        return seqs;
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is discarded anyway; the original failure is what matters
        }
    }

    private static final String COLUMNS = "seq, id, created_at, country, as_of, role, key_id, rule_set_version, "
            + "fact_base_version, input, advice, prev_hash, hash";

    private static StoredRecord read(ResultSet rs) throws SQLException {
        return new StoredRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13));
    }

    @Override
    public Optional<StoredRecord> find(String id) {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM advice_records WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read advice " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void storeRuleSet(String version, Map<String, String> files) {
        storeContent("rule_sets", version, files);
    }

    @Override
    public void storeFactBase(String version, Map<String, String> files) {
        storeContent("fact_bases", version, files);
    }

    private void storeContent(String table, String version, Map<String, String> files) {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (version, stored_at, content) "
                     + "VALUES (?, ?, ?) ON CONFLICT (version) DO NOTHING")) {
            s.setString(1, version);
            s.setString(2, org.mineralsadvisor.provenance.Timestamps.format(Instant.now()));
            s.setString(3, JSON.writeValueAsString(new TreeMap<>(files)));
            s.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreUnavailableException("cannot store " + table + " " + version + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Map<String, String>> ruleSet(String version) {
        return content("rule_sets", version);
    }

    @Override
    public Optional<Map<String, String>> factBase(String version) {
        return content("fact_bases", version);
    }

    private Optional<Map<String, String>> content(String table, String version) {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT content FROM " + table + " WHERE version = ?")) {
            s.setString(1, version);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(JSON.readValue(rs.getString(1), new TypeReference<TreeMap<String, String>>() {
                }));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreUnavailableException("cannot read " + table + " " + version + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<AuditSummary> search(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT seq, id, created_at, country, as_of, role, key_id, "
                + "rule_set_version, fact_base_version FROM advice_records a WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.country() != null) {
            sql.append(" AND country = ?");
            args.add(q.country());
        }
        if (q.from() != null) {
            sql.append(" AND created_at >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND created_at <= ?");
            args.add(q.to());
        }
        if (q.ruleSet() != null) {
            sql.append(" AND rule_set_version = ?");
            args.add(q.ruleSet());
        }
        if (q.policyId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM advice_policies p WHERE p.seq = a.seq AND p.policy_id = ?)");
            args.add(q.policyId());
        }
        if (q.type() != null || q.priority() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM advice_recommendations r WHERE r.seq = a.seq");
            if (q.type() != null) {
                sql.append(" AND r.type = ?");
                args.add(q.type());
            }
            if (q.priority() != null) {
                sql.append(" AND r.priority = ?");
                args.add(q.priority());
            }
            sql.append(")");
        }
        if (q.beforeSeq() != null) {
            sql.append(" AND seq < ?");
            args.add(q.beforeSeq());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(q.limit());
        List<AuditSummary> hits = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    hits.add(new AuditSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            new ArrayList<>()));
                }
            }
            if (!hits.isEmpty()) {
                try (PreparedStatement r = c.prepareStatement("SELECT seq, type, subject, priority, policy_id "
                        + "FROM advice_recommendations WHERE seq BETWEEN ? AND ? ORDER BY seq, position")) {
                    r.setLong(1, hits.get(hits.size() - 1).seq());
                    r.setLong(2, hits.get(0).seq());
                    java.util.Map<Long, AuditSummary> bySeq = new java.util.HashMap<>();
                    hits.forEach(h -> bySeq.put(h.seq(), h));
                    try (ResultSet rs = r.executeQuery()) {
                        while (rs.next()) {
                            AuditSummary hit = bySeq.get(rs.getLong(1));
                            if (hit != null) {
                                hit.recommendations().add(new AuditRecord.IndexEntry(rs.getString(2), rs.getString(3),
                                        rs.getString(4), rs.getString(5)));
                            }
                        }
                    }
                }
            }
            return hits;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot search the audit store: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ChainLink> linksAfter(long seq, int limit) {
        List<ChainLink> links = new ArrayList<>();
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM advice_records WHERE seq > ? "
                     + "ORDER BY seq LIMIT ?")) {
            c.setAutoCommit(false); // stream (see verify)
            s.setFetchSize(100);
            s.setLong(1, seq);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    links.add(ChainLink.of(read(rs)));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return links;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the audit chain: " + e.getMessage(), e);
        }
    }

    @Override
    public ChainLink head() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, hash FROM chain_head WHERE id = 1")) {
            rs.next();
            return new ChainLink(rs.getLong(1), null, null, null, null, null, null, null, null, null, null, null,
                    rs.getString(2));
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the chain head: " + e.getMessage(), e);
        }
    }

    @Override
    public ChainStatus verify() {
        try (Connection c = pool.getConnection();
             Statement s = c.createStatement()) {
            // Stream the chain: PostgreSQL honours the fetch size only inside a transaction, and
            // a chain of 100 KB advice must never be read into memory whole. (SQLite streams
            // anyway, and a transaction there would hold the write lock.)
            boolean postgres = location.dialect() == StoreLocation.Dialect.POSTGRES;
            if (postgres) {
                c.setAutoCommit(false);
            }
            s.setFetchSize(200);
            try {
                return verifyChain(s);
            } finally {
                if (postgres) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot verify the audit chain: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the head first, then the records up to it: records are append-only and the head
     * moves in the same transaction as the records it names, so writers that commit meanwhile
     * (records beyond the head read) cannot make an intact chain look broken.
     */
    private static ChainStatus verifyChain(Statement s) throws SQLException {
        long headSeq;
        String headHash;
        try (ResultSet rs = s.executeQuery("SELECT seq, hash FROM chain_head WHERE id = 1")) {
            rs.next();
            headSeq = rs.getLong(1);
            headHash = rs.getString(2);
        }
        String previous = ChainHash.GENESIS;
        long expected = 1;
        long count = 0;
        try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM advice_records WHERE seq <= " + headSeq
                + " ORDER BY seq")) {
            while (rs.next()) {
                StoredRecord r = read(rs);
                count++;
                String reason = null;
                if (r.seq() != expected) {
                    reason = "sequence gap: expected " + expected + ", found " + r.seq();
                } else if (!r.prevHash().equals(previous)) {
                    reason = "prev_hash does not match the hash of record " + (expected - 1);
                } else if (!r.recomputedHash().equals(r.hash())) {
                    reason = "content does not match its hash";
                }
                if (reason != null) {
                    return new ChainStatus(false, count, r.id(), r.seq(), reason);
                }
                previous = r.hash();
                expected++;
            }
        }
        if (count != headSeq || !previous.equals(headHash)) {
            return new ChainStatus(false, count, null, count + 1, "the chain head names record " + headSeq + " but "
                    + count + " record(s) lead to it: records were removed");
        }
        return new ChainStatus(true, count, null, null, null);
    }

    @Override
    public boolean writable() {
        if (closing) {
            return false;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // A write that changes nothing: it takes the write lock, proving that one could be made.
                s.executeUpdate("UPDATE chain_head SET seq = seq WHERE id = 0");
            } finally {
                c.rollback();
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(COMMIT_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending p; (p = queue.poll()) != null; ) {
            p.done().completeExceptionally(new StoreUnavailableException("the audit store closed", null));
        }
        pool.close();
    }
}
