package org.mineralsadvisor.audit;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * gap-free chain. Rule-set activations go through the same writer and lock (their conflict
 * check too), so they take their place in that chain. Nothing is ever dropped: a full queue makes callers wait, a failed
 * commit fails every caller in it.
 */
public final class JdbcAuditStore implements AuditStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditStore.class);
    private static final int MAX_BATCH = 256;
    private static final long COMMIT_WAIT_SECONDS = 30;

    /**
     * One write for the writer thread: an advice ({@code record}, with its bodies), an activation
     * ({@code activation}) or a signing key ({@code key}).
     */
    private record Pending(AuditRecord record, PreparedBodies bodies, ActivationRequest activation, KeyRequest key,
                           CompletableFuture<Long> done) {
        Pending(AuditRecord record, PreparedBodies bodies, ActivationRequest activation, CompletableFuture<Long> done) {
            this(record, bodies, activation, null, done);
        }
    }

    /**
     * An advice's bodies made ready on the caller's thread, so that the one writer thread neither
     * compresses nor hashes: their SHA-256 (over the bytes as written, for the chain hash) and
     * their zstd frames (what is stored).
     */
    private record PreparedBodies(String inputSha256, String adviceSha256, byte[] inputFrame, byte[] adviceFrame,
                                  String dictionary) {
        static PreparedBodies of(AuditRecord r, CompressionDictionaries dictionaries) {
            byte[] input = r.input().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var dictionary = dictionaries.forVersions(r.ruleSetVersion(), r.factBaseVersion(), r.advice());
            byte[] adviceFrame = dictionary.isPresent()
                    ? StoredBody.compress(r.advice(), dictionary.get().compressor()) : StoredBody.compress(r.advice());
            return new PreparedBodies(ChainHash.sha256(input), ChainHash.sha256(r.advice()), StoredBody.compress(input),
                    adviceFrame, dictionary.map(CompressionDictionaries.Dictionary::id).orElse(null));
        }
    }

    private final StoreLocation location;
    private final HikariDataSource pool;
    private final AuditQueries queries;
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
        this.queries = new AuditQueries(pool, location.dialect());
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
        StoredBody.checkCodec();
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
            var flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .placeholders(Map.of("binary", location.dialect() == StoreLocation.Dialect.POSTGRES ? "BYTEA" : "BLOB"));
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
        return enqueue(new Pending(record, PreparedBodies.of(record, queries.dictionaries()), null, new CompletableFuture<>()));
    }

    /** Through the same writer and chain-head lock as advice, so both kinds extend one gap-free chain. */
    private long enqueue(Pending pending) {
        if (closing) {
            throw new StoreUnavailableException("the audit store is closing", null);
        }
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
            if (e.getCause() instanceof ActivationConflictException conflict) {
                throw new ActivationConflictException(conflict);
            }
            if (e.getCause() instanceof KeyConflictException conflict) {
                throw new KeyConflictException(conflict);
            }
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw new IllegalArgumentException(refused.getMessage(), refused);
            }
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
                Object[] outcomes = insert(c, batch);
                c.commit();
                written.increment(batch.stream().filter(p -> p.record() != null).count());
                batchSize.record(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    if (outcomes[i] instanceof RuntimeException refused) {
                        batch.get(i).done().completeExceptionally(refused);
                    } else {
                        batch.get(i).done().complete((Long) outcomes[i]);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                safeRollback(c);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            failed.increment(batch.stream().filter(p -> p.record() != null).count());
            LOG.error("audit commit of {} record(s) failed: {}", batch.size(), e.getMessage());
            for (Pending p : batch) {
                p.done().completeExceptionally(e);
            }
        }
    }

    /**
     * Inserts the batch in order under the chain-head lock and returns, per entry, its seq or the
     * {@link ActivationConflictException} that refused it (a refused activation takes no seq and
     * fails only its own caller).
     */
    private Object[] insert(Connection c, List<Pending> batch) throws SQLException {
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
        Object[] seqs = new Object[batch.size()];
        String active = null;
        boolean activeRead = false;
        // input and advice (NOT NULL since V1) hold '': the bodies are the frames (V4, StoredBody).
        try (PreparedStatement record = c.prepareStatement("INSERT INTO advice_records (seq, id, created_at, country, as_of, "
                + "role, key_id, rule_set_version, fact_base_version, input, advice, body_codec, input_z, advice_z, "
                + "dictionary, prev_hash, hash, scenario) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement index = c.prepareStatement("INSERT INTO advice_recommendations "
                     + "(seq, position, type, subject, priority, policy_id) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement policies = c.prepareStatement("INSERT INTO advice_policies (seq, policy_id) VALUES (?, ?)")) {
            for (int i = 0; i < batch.size(); i++) {
                KeyRequest key = batch.get(i).key();
                if (key != null) {
                    // Read under the chain-head lock, like the active version: one key succeeds another at a time.
                    String current = AuditQueries.currentKeyId(c);
                    if (!java.util.Objects.equals(current, key.previousKeyId())) {
                        seqs[i] = new KeyConflictException(key.previousKeyId(), current);
                        continue;
                    }
                    if (keyStored(c, key)) {
                        seqs[i] = new IllegalArgumentException("key " + key.keyId() + " (or a record with id "
                                + key.id() + ") is already in the log");
                        continue;
                    }
                    seq++;
                    hash = insertKey(c, seq, hash, key);
                    seqs[i] = seq;
                    continue;
                }
                ActivationRequest activation = batch.get(i).activation();
                if (activation != null) {
                    if (!activeRead) {
                        // Read under the chain-head lock: no other writer can activate until this commits.
                        active = activeVersion(c);
                        activeRead = true;
                    }
                    if (!java.util.Objects.equals(active, activation.previousVersion())) {
                        seqs[i] = new ActivationConflictException(activation.previousVersion(), active);
                        continue;
                    }
                    if (activationStored(c, activation.id())) {
                        // Refused alone: a failed insert would fail the advice committed with it.
                        seqs[i] = new IllegalArgumentException("an activation with id " + activation.id()
                                + " is already stored");
                        continue;
                    }
                    seq++;
                    hash = insertActivation(c, seq, hash, activation);
                    active = activation.version();
                    seqs[i] = seq;
                    continue;
                }
                AuditRecord r = batch.get(i).record();
                PreparedBodies bodies = batch.get(i).bodies();
                seq++;
                String createdAt = org.mineralsadvisor.provenance.Timestamps.format(r.createdAt());
                String next = ChainHash.ofDigests(hash, seq, r.id(), createdAt, r.country(), r.asOf(), r.role(),
                        r.keyId(), r.ruleSetVersion(), r.factBaseVersion(), bodies.inputSha256(), bodies.adviceSha256());
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
                record.setString(col++, StoredBody.ZSTD);
                record.setBytes(col++, bodies.inputFrame());
                record.setBytes(col++, bodies.adviceFrame());
                record.setString(col++, bodies.dictionary());
                record.setString(col++, hash);
                record.setString(col++, next);
                record.setString(col, r.scenario());
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

    private static boolean activationStored(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM activation_records WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean keyStored(Connection c, KeyRequest key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM key_records WHERE key_id = ? OR id = ?")) {
            s.setString(1, key.keyId());
            s.setString(2, key.id());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Inserts one key record at {@code seq} after {@code prevHash} and returns its hash. */
    private static String insertKey(Connection c, long seq, String prevHash, KeyRequest k) throws SQLException {
        String hash = ChainHash.ofKey(prevHash, seq, k.id(), k.introducedAt(), k.keyId(), k.publicKey(),
                k.previousKeyId(), k.endorsement(), k.proof());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO key_records (seq, id, introduced_at, key_id, "
                + "public_key, previous_key_id, endorsement, proof, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int col = 1;
            insert.setLong(col++, seq);
            insert.setString(col++, k.id());
            insert.setString(col++, k.introducedAt());
            insert.setString(col++, k.keyId());
            insert.setString(col++, k.publicKey());
            insert.setString(col++, k.previousKeyId());
            insert.setString(col++, k.endorsement());
            insert.setString(col++, k.proof());
            insert.setString(col++, prevHash);
            insert.setString(col, hash);
            insert.executeUpdate();
        }
        return hash;
    }

    private static String activeVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM activation_records ORDER BY seq DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Inserts one activation at {@code seq} after {@code prevHash} and returns its hash. */
    private static String insertActivation(Connection c, long seq, String prevHash, ActivationRequest a)
            throws SQLException {
        String activatedAt = org.mineralsadvisor.provenance.Timestamps.format(a.activatedAt());
        String hash = ChainHash.ofActivation(prevHash, seq, a.id(), a.activatedAt(), a.version(), a.previousVersion(),
                a.proposer(), a.approvers(), a.reason(), a.summaryJson());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO activation_records (seq, id, activated_at, "
                + "version, previous_version, proposer, approvers, reason, summary_json, prev_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int col = 1;
            insert.setLong(col++, seq);
            insert.setString(col++, a.id());
            insert.setString(col++, activatedAt);
            insert.setString(col++, a.version());
            insert.setString(col++, a.previousVersion());
            insert.setString(col++, a.proposer());
            insert.setString(col++, AuditQueries.approversJson(a.approvers()));
            insert.setString(col++, a.reason());
            insert.setString(col++, a.summaryJson());
            insert.setString(col++, prevHash);
            insert.setString(col, hash);
            insert.executeUpdate();
        }
        return hash;
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is discarded anyway; the original failure is what matters
        }
    }

    @Override
    public Optional<StoredRecord> find(String id) {
        return queries.find(id);
    }

    @Override
    public void storeRuleSet(String version, Map<String, String> files) {
        queries.storeContent("rule_sets", version, files);
    }

    @Override
    public void storeFactBase(String version, Map<String, String> files) {
        queries.storeContent("fact_bases", version, files);
    }

    @Override
    public Optional<Map<String, String>> ruleSet(String version) {
        return queries.content("rule_sets", version);
    }

    @Override
    public Optional<Map<String, String>> factBase(String version) {
        return queries.content("fact_bases", version);
    }

    @Override
    public AuditSearchPage search(AuditQuery query) {
        return queries.search(query);
    }

    @Override
    public List<StoredInput> recentInputs(java.time.Instant since, int limit) {
        return queries.recentInputs(since, limit);
    }

    @Override
    public List<ChainLink> linksAfter(long seq, int limit) {
        return queries.linksAfter(seq, limit);
    }

    @Override
    public ChainLink head() {
        return queries.head();
    }

    @Override
    public ChainStatus verify() {
        return queries.verify();
    }

    @Override
    public ChainStatus verifyAfter(long fromSeq, String fromHash) {
        return queries.verifyAfter(fromSeq, fromHash);
    }

    @Override
    public boolean writable() {
        return !closing && queries.writable();
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

    /**
     * @throws ActivationConflictException when {@code request.previousVersion()} is no longer the active version
     * @throws IllegalArgumentException    when a field is missing or the id is already stored (nothing is written)
     */
    @Override
    public long appendActivation(ActivationRequest request) {
        java.util.Map<String, Object> required = new java.util.LinkedHashMap<>();
        required.put("id", request.id());
        required.put("activatedAt", request.activatedAt());
        required.put("version", request.version());
        required.put("proposer", request.proposer());
        required.put("reason", request.reason());
        required.put("summaryJson", request.summaryJson());
        required.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("an activation needs " + name);
            }
        });
        return enqueue(new Pending(null, null, request, new CompletableFuture<>()));
    }

    /**
     * @throws KeyConflictException     when {@code request.previousKeyId()} is not the log's current key
     * @throws IllegalArgumentException when a field is missing, or the key or id is already in the log
     */
    @Override
    public long appendKey(KeyRequest request) {
        java.util.Map<String, Object> required = new java.util.LinkedHashMap<>();
        required.put("id", request.id());
        required.put("introducedAt", request.introducedAt());
        required.put("keyId", request.keyId());
        required.put("publicKey", request.publicKey());
        required.put("proof", request.proof());
        required.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("a key record needs " + name);
            }
        });
        if ((request.previousKeyId() == null) != (request.endorsement() == null)) {
            throw new IllegalArgumentException("a key record that succeeds another needs that key's endorsement, "
                    + "and only then");
        }
        return enqueue(new Pending(null, null, null, request, new CompletableFuture<>()));
    }

    @Override
    public String logId() {
        return queries.logId();
    }

    @Override
    public List<KeyRecord> keys() {
        return queries.keys();
    }

    @Override
    public void saveCheckpoint(Checkpoint checkpoint) {
        queries.saveCheckpoint(checkpoint);
    }

    @Override
    public List<Checkpoint> checkpoints(Long beforeSeq, String beforeTime, int limit) {
        return queries.checkpoints(beforeSeq, beforeTime, limit);
    }

    @Override
    public Optional<String> hashAt(long seq) {
        return queries.hashAt(seq);
    }

    @Override
    public Optional<String> idAt(long seq) {
        return queries.idAt(seq);
    }

    @Override
    public Optional<Activation> latestActivation() {
        return queries.latestActivation();
    }

    @Override
    public List<Activation> activations() {
        return queries.activations();
    }

    @Override
    public Optional<Activation> activation(String id) {
        return queries.activation(id);
    }

    @Override
    public void saveCandidate(Candidate candidate) {
        queries.saveCandidate(candidate);
    }

    @Override
    public Optional<Candidate> candidate(String version) {
        return queries.candidate(version);
    }

    @Override
    public List<Candidate> candidates() {
        return queries.candidates();
    }

    @Override
    public boolean addApproval(Approval approval) {
        return queries.addApproval(approval);
    }

    @Override
    public List<Approval> approvals(String version) {
        return queries.approvals(version);
    }
}
