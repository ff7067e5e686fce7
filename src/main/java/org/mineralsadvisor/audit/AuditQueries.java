package org.mineralsadvisor.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.mineralsadvisor.provenance.Timestamps;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the audit store does besides the group commit: reads, searches, the chain
 * check and the stored rule-set and fact-base contents, through JDBI on the store's pool.
 * The SQL is the same on SQLite and PostgreSQL; only streaming differs (see {@link #streaming}).
 */
final class AuditQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "seq, id, created_at, country, as_of, role, key_id, rule_set_version, "
            + "fact_base_version, input, advice, body_codec, input_z, advice_z, dictionary, prev_hash, hash, scenario";
    private static final String HEAD = "SELECT seq, hash FROM chain_head WHERE id = 1";

    /** The record with its bodies as written, whether stored as text (before V4) or compressed. */
    private final RowMapper<StoredRecord> record = (rs, ctx) -> {
        StoredBody.Bodies bodies = StoredBody.read(rs, dictionaries());
        return new StoredRecord(rs.getLong("seq"),
                rs.getString("id"), rs.getString("created_at"), rs.getString("country"), rs.getString("as_of"),
                rs.getString("role"), rs.getString("key_id"), rs.getString("rule_set_version"),
                rs.getString("fact_base_version"), bodies.inputText(), bodies.adviceText(),
                rs.getString("prev_hash"), rs.getString("hash"), rs.getString("scenario"));
    };

    /**
     * The record as a chain link, its digests taken over the bodies' bytes as written. The chain
     * check reads dictionaries afresh ({@code new CompressionDictionaries}), so that one edited in
     * the database is caught even while a running service holds the original in memory. A body that
     * cannot be read gives a link with no digests and the problem, for the chain check to report.
     * With {@code deriveRows} (the chain check) the advice, decompressed for its digest anyway, is
     * also read for its search rows ({@link SearchRows}), or for why it cannot be.
     */
    private static RowMapper<Linked> links(CompressionDictionaries dictionaries, boolean deriveRows) {
        return (rs, ctx) -> {
            long seq = rs.getLong("seq");
            String inputSha256 = null;
            String adviceSha256 = null;
            String problem = null;
            SearchRows rows = null;
            String rowsProblem = null;
            try {
                StoredBody.Bodies bodies = StoredBody.read(rs, dictionaries);
                inputSha256 = bodies.inputSha256();
                adviceSha256 = bodies.adviceSha256();
                if (deriveRows) {
                    try {
                        rows = bodies.storedAdvice() != null ? SearchRows.of(bodies.storedAdvice())
                                : SearchRows.of(bodies.adviceBytes());
                    } catch (SearchRows.UnreadableAdviceException e) {
                        rowsProblem = e.getMessage();
                    }
                }
            } catch (UnreadableRecordException e) {
                problem = e.problem();
            }
            return new Linked(new ChainLink(seq, rs.getString("id"), rs.getString("created_at"), rs.getString("country"),
                    rs.getString("as_of"), rs.getString("role"), rs.getString("key_id"), rs.getString("rule_set_version"),
                    rs.getString("fact_base_version"), inputSha256, adviceSha256, rs.getString("prev_hash"),
                    rs.getString("hash")), problem, rows, rowsProblem);
        };
    }

    /**
     * A chain link, or a record whose bodies cannot be read ({@code problem}); for an advice read
     * by the chain check, its derived search rows or why there are none ({@code rowsProblem}).
     */
    private record Linked(ChainLink link, String problem, SearchRows rows, String rowsProblem) {
        Linked(ChainLink link, String problem) {
            this(link, problem, null, null);
        }
    }

    /** A record read for a search hit's check: the record, or why it cannot be read. */
    private record Checked(StoredRecord record, String problem) {
    }
    private static final String ACTIVATION_COLUMNS = "seq, id, activated_at, version, previous_version, proposer, "
            + "approvers, reason, summary_json, prev_hash, hash";
    private static final RowMapper<Activation> ACTIVATION = (rs, ctx) -> new Activation(rs.getLong("seq"),
            rs.getString("id"), Instant.parse(rs.getString("activated_at")), rs.getString("version"),
            rs.getString("previous_version"), rs.getString("proposer"), approvers(rs.getString("approvers")),
            rs.getString("reason"), rs.getString("summary_json"), rs.getString("prev_hash"), rs.getString("hash"));
    private static final String CANDIDATE_COLUMNS = "version, origin, proposer, reason, proposed_at, status, files, gate_json";
    private static final RowMapper<Candidate> CANDIDATE = (rs, ctx) -> new Candidate(rs.getString("version"),
            rs.getString("origin"), rs.getString("proposer"), rs.getString("reason"),
            Instant.parse(rs.getString("proposed_at")), rs.getString("status"), rs.getString("files"),
            rs.getString("gate_json"));
    private static final RowMapper<Approval> APPROVAL = (rs, ctx) -> new Approval(rs.getString("version"),
            rs.getString("key_id"), Instant.parse(rs.getString("approved_at")));
    private static final RowMapper<AuditSummary> SUMMARY = (rs, ctx) -> new AuditSummary(rs.getLong("seq"),
            rs.getString("id"), rs.getString("created_at"), rs.getString("country"), rs.getString("as_of"),
            rs.getString("role"), rs.getString("key_id"), rs.getString("rule_set_version"),
            rs.getString("fact_base_version"), List.of());
    private static final RowMapper<ChainLink> HEAD_LINK = (rs, ctx) -> new ChainLink(rs.getLong("seq"), null, null,
            null, null, null, null, null, null, null, null, null, rs.getString("hash"));
    private static final String KEY_COLUMNS = "seq, id, introduced_at, key_id, public_key, previous_key_id, "
            + "endorsement, proof, prev_hash, hash";
    private static final RowMapper<KeyRecord> KEY = (rs, ctx) -> new KeyRecord(rs.getLong("seq"), rs.getString("id"),
            rs.getString("introduced_at"), rs.getString("key_id"), rs.getString("public_key"),
            rs.getString("previous_key_id"), rs.getString("endorsement"), rs.getString("proof"),
            rs.getString("prev_hash"), rs.getString("hash"));
    private static final String CHECKPOINT_COLUMNS = "log_id, seq, head_hash, signed_at, key_id, signature";
    private static final RowMapper<Checkpoint> CHECKPOINT = (rs, ctx) -> new Checkpoint(rs.getString("log_id"),
            rs.getLong("seq"), rs.getString("head_hash"), rs.getString("signed_at"), rs.getString("key_id"),
            rs.getString("signature"));

    private final Jdbi jdbi;
    private final boolean postgres;
    private final CompressionDictionaries dictionaries;

    AuditQueries(DataSource pool, StoreLocation.Dialect dialect) {
        // No templating: the SQL is plain text with :named parameters (and "<=" must stay "<=").
        this.jdbi = Jdbi.create(pool).setTemplateEngine(TemplateEngine.NOP);
        this.postgres = dialect == StoreLocation.Dialect.POSTGRES;
        this.dictionaries = new CompressionDictionaries(jdbi);
    }

    CompressionDictionaries dictionaries() {
        return dictionaries;
    }

    Optional<StoredRecord> find(String id) {
        return read("cannot read advice " + id, h -> h.createQuery("SELECT " + COLUMNS + " FROM advice_records WHERE id = :id")
                .bind("id", id).map(record).findOne());
    }

    void storeContent(String table, String version, Map<String, String> files) {
        String content;
        try {
            content = JSON.writeValueAsString(new TreeMap<>(files));
        } catch (JsonProcessingException e) {
            throw new StoreUnavailableException("cannot store " + table + " " + version + ": " + e.getMessage(), e);
        }
        read("cannot store " + table + " " + version, h -> h.createUpdate("INSERT INTO " + table
                        + " (version, stored_at, content) VALUES (:version, :storedAt, :content) ON CONFLICT (version) DO NOTHING")
                .bind("version", version).bind("storedAt", Timestamps.format(Instant.now())).bind("content", content)
                .execute());
    }

    Optional<Map<String, String>> content(String table, String version) {
        Optional<String> json = read("cannot read " + table + " " + version, h -> h.createQuery("SELECT content FROM "
                + table + " WHERE version = :version").bind("version", version).mapTo(String.class).findOne());
        try {
            return json.isEmpty() ? Optional.empty()
                    : Optional.of(JSON.readValue(json.get(), new TypeReference<TreeMap<String, String>>() {
                    }));
        } catch (JsonProcessingException e) {
            throw new StoreUnavailableException("cannot read " + table + " " + version + ": " + e.getMessage(), e);
        }
    }

    /**
     * The matching records by their search rows, newest first, at most {@code q.limit()}; then
     * each is read (one statement for the page) and checked as {@link AuditSearchPage} says, so
     * that rows edited in the database cannot put a record into a search its advice does not
     * match, nor show recommendations it does not have.
     */
    AuditSearchPage search(AuditQuery q) {
        Conditions where = recordConditions(q)
                .add("EXISTS (SELECT 1 FROM advice_policies p WHERE p.seq = a.seq AND p.policy_id = :policyId)",
                        "policyId", q.policyId());
        // type and priority must hold for one and the same recommendation.
        Conditions recommendation = new Conditions()
                .add("r.type = :type", "type", q.type())
                .add("r.priority = :priority", "priority", q.priority());
        if (!recommendation.isEmpty()) {
            where.add("EXISTS (SELECT 1 FROM advice_recommendations r WHERE r.seq = a.seq AND "
                    + recommendation.sql() + ")", recommendation.arguments());
        }
        where.add("a.seq < :beforeSeq", "beforeSeq", q.beforeSeq());
        String sql = "SELECT a.seq, a.id, a.created_at, a.country, a.as_of, a.role, a.key_id, a.rule_set_version, "
                + "a.fact_base_version FROM advice_records a"
                + (where.isEmpty() ? "" : " WHERE " + where.sql()) + " ORDER BY a.seq DESC LIMIT :limit";
        return read("cannot search the audit store", h -> {
            // One more than the page, to know whether another page follows.
            List<AuditSummary> scanned = h.createQuery(sql).bindMap(where.arguments()).bind("limit", q.limit() + 1)
                    .map(SUMMARY).list();
            Long next = null;
            if (scanned.size() > q.limit()) {
                scanned = scanned.subList(0, q.limit());
                next = scanned.get(scanned.size() - 1).seq();
            }
            AuditSearchPage page = checked(h, q, scanned, next);
            return q.filtersOnSearchRows() ? withRecordsKeptOut(h, q, scanned, page) : page;
        });
    }

    /** The conditions on the record's own (hashed) columns: what no edited search row can change. */
    private static Conditions recordConditions(AuditQuery q) {
        return new Conditions()
                .add("a.country = :country", "country", q.country())
                .add("a.created_at >= :from", "from", q.from())
                .add("a.created_at <= :to", "to", q.to())
                .add("a.rule_set_version = :ruleSet", "ruleSet", q.ruleSet());
    }

    /** Most records a page reads beyond its hits, looking for search rows edited to keep a record out. */
    static final int KEPT_OUT_WINDOW = 500;

    /**
     * Adds the records that the search rows kept out but whose advice matches. The page's hits came
     * from the rows; between the page's start and its last hit (or, on the last page, below it)
     * every other record that the query's record conditions select is read, its rows derived from
     * its advice and compared with the stored ones: where they differ and the derived rows match,
     * the record is a hit after all. At most {@link #KEPT_OUT_WINDOW} records are read a page; where
     * that cuts the range short, the page ends at the last record read and the cursor goes on below
     * it, so every record is examined on some page and none twice.
     */
    private AuditSearchPage withRecordsKeptOut(Handle h, AuditQuery q, List<AuditSummary> scanned, AuditSearchPage page) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        scanned.forEach(hit -> seen.add(hit.seq()));
        Conditions range = recordConditions(q)
                .add("a.seq < :upper", "upper", q.beforeSeq())
                .add("a.seq > :lower", "lower", page.nextBeforeSeq());
        List<Long> candidates = new ArrayList<>(h.createQuery("SELECT a.seq FROM advice_records a"
                        + (range.isEmpty() ? "" : " WHERE " + range.sql()) + " ORDER BY a.seq DESC LIMIT :limit")
                .bindMap(range.arguments()).bind("limit", KEPT_OUT_WINDOW + seen.size() + 1).mapTo(Long.class).list());
        candidates.removeIf(seen::contains);
        Long boundary = null;
        if (candidates.size() > KEPT_OUT_WINDOW) {
            candidates = candidates.subList(0, KEPT_OUT_WINDOW);
            boundary = candidates.get(KEPT_OUT_WINDOW - 1);
        }
        List<AuditSummary> hits = new ArrayList<>(page.hits());
        hits.addAll(keptOut(h, q, candidates));
        List<AuditSearchPage.Excluded> excluded = new ArrayList<>(page.excluded());
        Long next = page.nextBeforeSeq();
        if (boundary != null) {
            long below = boundary;
            hits.removeIf(hit -> hit.seq() < below);
            excluded.removeIf(e -> e.seq() < below);
            next = boundary;
        }
        hits.sort(java.util.Comparator.comparingLong(AuditSummary::seq).reversed());
        if (hits.size() > q.limit()) {
            hits = hits.subList(0, q.limit());
            next = hits.get(hits.size() - 1).seq();
            long last = next;
            excluded.removeIf(e -> e.seq() < last);
        }
        return new AuditSearchPage(hits, excluded, next);
    }

    /** Of these records (not hits by their rows), those whose rows differ from their advice's and whose advice matches. */
    private List<AuditSummary> keptOut(Handle h, AuditQuery q, List<Long> seqs) {
        if (seqs.isEmpty()) {
            return List.of();
        }
        Map<Long, Checked> records = readChecked(h, seqs);
        List<Long> ascending = new ArrayList<>(seqs);
        ascending.sort(null);
        StoredSearchRows stored = storedRows(h, ascending);
        List<AuditSummary> found = new ArrayList<>();
        for (long seq : ascending) {
            SearchRows.Stored rowsStored = stored.take(seq);
            Checked read = records.get(seq);
            if (read == null || read.problem() != null) {
                continue; // verify names a record that cannot be read
            }
            StoredRecord r = read.record();
            SearchRows rows;
            try {
                rows = SearchRows.of(r.advice());
            } catch (SearchRows.UnreadableAdviceException e) {
                continue;
            }
            if (rows.mismatch(rowsStored) != null && rows.matches(q) && r.recomputedHash().equals(r.hash())) {
                found.add(new AuditSummary(r.seq(), r.id(), r.createdAt(), r.country(), r.asOf(), r.role(), r.keyId(),
                        r.ruleSetVersion(), r.factBaseVersion(), rows.recommendations()));
            }
        }
        return found;
    }

    /** The scanned hits checked against their records and derived rows (see {@link AuditSearchPage}). */
    private AuditSearchPage checked(Handle h, AuditQuery q, List<AuditSummary> scanned, Long next) {
        List<Long> seqs = scanned.stream().map(AuditSummary::seq).toList();
        Map<Long, Checked> records = readChecked(h, seqs);
        List<Long> ascending = new ArrayList<>(seqs);
        java.util.Collections.reverse(ascending);
        StoredSearchRows stored = storedRows(h, ascending);
        Map<Long, SearchRows.Stored> storedBySeq = new HashMap<>();
        for (long seq : ascending) {
            storedBySeq.put(seq, stored.take(seq));
        }
        List<AuditSummary> hits = new ArrayList<>();
        List<AuditSearchPage.Excluded> excluded = new ArrayList<>();
        for (AuditSummary hit : scanned) {
            String reason;
            SearchRows rows = null;
            Checked read = records.get(hit.seq());
            if (read == null) {
                reason = "the record was removed while the search ran";
            } else if (read.problem() != null) {
                reason = "the record cannot be read: " + read.problem();
            } else if (!read.record().recomputedHash().equals(read.record().hash())) {
                reason = "content does not match its hash";
            } else {
                try {
                    rows = SearchRows.of(read.record().advice());
                    String mismatch = rows.mismatch(storedBySeq.get(hit.seq()));
                    reason = mismatch == null || rows.matches(q) ? null : "search rows do not match the record: "
                            + mismatch + "; by its advice the record does not match this search";
                } catch (SearchRows.UnreadableAdviceException e) {
                    reason = "search rows cannot be checked: " + e.getMessage();
                }
            }
            if (reason == null) {
                StoredRecord r = read.record();
                hits.add(new AuditSummary(r.seq(), r.id(), r.createdAt(), r.country(), r.asOf(), r.role(), r.keyId(),
                        r.ruleSetVersion(), r.factBaseVersion(), rows.recommendations()));
            } else {
                excluded.add(new AuditSearchPage.Excluded(hit.seq(), hit.id(), reason));
            }
        }
        return new AuditSearchPage(hits, excluded, next);
    }

    /** The records at {@code seqs}, read in batches; one that cannot be read carries its problem. */
    private Map<Long, Checked> readChecked(Handle h, List<Long> seqs) {
        Map<Long, Checked> records = new HashMap<>();
        RowMapper<Checked> checking = (rs, ctx) -> {
            try {
                return new Checked(record.map(rs, ctx), null);
            } catch (UnreadableRecordException e) {
                return new Checked(new StoredRecord(rs.getLong("seq"), rs.getString("id"), null, null, null, null,
                        null, null, null, null, null, null, null), e.problem());
            }
        };
        for (List<Long> chunk : chunks(seqs)) {
            SeqList in = SeqList.of(chunk);
            h.createQuery("SELECT " + COLUMNS + " FROM advice_records WHERE seq IN (" + in.sql() + ")")
                    .bindMap(in.arguments()).map(checking).forEach(c -> records.put(c.record().seq(), c));
        }
        return records;
    }

    /** One query, newest first; the inputs are large, so they stream rather than sit in the driver's buffer. */
    List<StoredInput> recentInputs(Instant since, int limit) {
        String sql = "SELECT seq, id, input, body_codec, input_z FROM advice_records"
                + (since == null ? "" : " WHERE created_at >= :since") + " ORDER BY seq DESC LIMIT :limit";
        return streaming("cannot read the stored inputs", h -> {
            var query = h.createQuery(sql).bind("limit", limit).setFetchSize(200);
            if (since != null) {
                query.bind("since", Timestamps.format(since));
            }
            return query.map((rs, ctx) -> new StoredInput(rs.getString("id"), rs.getLong("seq"), StoredBody.readInput(rs)))
                    .list();
        });
    }

    /** The links of both kinds after {@code seq}, in seq order. */
    List<ChainLink> linksAfter(long seq, int limit) {
        return streaming("cannot read the audit chain", h -> {
            List<ChainLink> others = otherLinks(h, "seq > :seq", seq, limit);
            try (var records = h.createQuery("SELECT " + COLUMNS
                            + " FROM advice_records WHERE seq > :seq ORDER BY seq LIMIT :limit")
                    .bind("seq", seq).bind("limit", limit).setFetchSize(100).map(links(dictionaries, false)).iterator()) {
                List<ChainLink> links = new ArrayList<>();
                Iterator<Linked> merged = inSeqOrder(records, others);
                while (links.size() < limit && merged.hasNext()) {
                    Linked next = merged.next();
                    if (next.problem() != null) {
                        throw new UnreadableRecordException(next.link().seq(), next.link().id(), next.problem());
                    }
                    links.add(next.link());
                }
                return links;
            }
        });
    }

    /**
     * The activation and key links matching {@code condition} (on :seq), in seq order, at most
     * {@code limit} of each: the records of the chain that are not advice.
     */
    private static List<ChainLink> otherLinks(Handle h, String condition, long seq, long limit) {
        List<ChainLink> others = new ArrayList<>();
        h.createQuery("SELECT " + ACTIVATION_COLUMNS + " FROM activation_records WHERE " + condition
                        + " ORDER BY seq LIMIT :limit").bind("seq", seq).bind("limit", limit).map(ACTIVATION)
                .forEach(a -> others.add(ChainLink.of(a)));
        h.createQuery("SELECT " + KEY_COLUMNS + " FROM key_records WHERE " + condition + " ORDER BY seq LIMIT :limit")
                .bind("seq", seq).bind("limit", limit).map(KEY).forEach(k -> others.add(ChainLink.of(k)));
        others.sort(java.util.Comparator.comparingLong(ChainLink::seq));
        return others;
    }

    /**
     * Every kind of record as one run of links in seq order. Activations and keys are few (one per
     * rule-set change or key rotation), so they are held; the advice records stream.
     */
    private static Iterator<Linked> inSeqOrder(Iterator<Linked> records, List<ChainLink> others) {
        java.util.ArrayDeque<ChainLink> pending = new java.util.ArrayDeque<>(others);
        return new Iterator<>() {
            private Linked nextRecord;

            @Override
            public boolean hasNext() {
                return nextRecord != null || records.hasNext() || !pending.isEmpty();
            }

            @Override
            public Linked next() {
                if (nextRecord == null && records.hasNext()) {
                    nextRecord = records.next();
                }
                if (!pending.isEmpty() && (nextRecord == null || pending.peekFirst().seq() < nextRecord.link().seq())) {
                    return new Linked(pending.pollFirst(), null);
                }
                if (nextRecord == null) {
                    throw new java.util.NoSuchElementException();
                }
                Linked link = nextRecord;
                nextRecord = null;
                return link;
            }
        };
    }

    ChainLink head() {
        return read("cannot read the chain head", h -> h.createQuery(HEAD).map(HEAD_LINK).one());
    }

    /**
     * Reads the head first, then the records up to it: records are append-only and the head
     * moves in the same transaction as the records it names, so writers that commit meanwhile
     * (records beyond the head read) cannot make an intact chain look broken. The search rows up
     * to the head stream beside the records, merged by seq; rows beyond the head are checked
     * last, in one statement, for a record of their own.
     */
    ChainStatus verify() {
        return verifyAfter(0, ChainHash.GENESIS);
    }

    /**
     * The chain check from the record after {@code fromSeq} to the head, taking {@code fromHash} as
     * the hash of record {@code fromSeq} (a checkpoint's): a signer that checked the log up to a
     * checkpoint checks only what came after it. Counts the records before as read.
     */
    ChainStatus verifyAfter(long fromSeq, String fromHash) {
        return streaming("cannot verify the audit chain", h -> {
            ChainLink head = h.createQuery(HEAD).map(HEAD_LINK).one();
            List<ChainLink> others = otherLinks(h, "seq <= :seq", head.seq(), Long.MAX_VALUE).stream()
                    .filter(link -> link.seq() > fromSeq).toList();
            ChainStatus status;
            // The whole check reads every row up to the head, stray seqs (0, negative) included.
            String range = fromSeq == 0 ? "seq <= :head AND :from = 0" : "seq > :from AND seq <= :head";
            try (var records = h.createQuery("SELECT " + COLUMNS + " FROM advice_records WHERE " + range + " ORDER BY seq")
                    .bind("from", fromSeq).bind("head", head.seq()).setFetchSize(200)
                    .map(links(new CompressionDictionaries(jdbi), true)).iterator();
                 var recommendations = h.createQuery("SELECT " + StoredSearchRows.RECOMMENDATION_COLUMNS
                                 + " FROM advice_recommendations WHERE " + range + " ORDER BY seq, position")
                         .bind("from", fromSeq).bind("head", head.seq()).setFetchSize(1000)
                         .map(StoredSearchRows.RECOMMENDATION).iterator();
                 var policies = h.createQuery("SELECT " + StoredSearchRows.POLICY_COLUMNS
                                 + " FROM advice_policies WHERE " + range + " ORDER BY seq")
                         .bind("from", fromSeq).bind("head", head.seq()).setFetchSize(1000)
                         .map(StoredSearchRows.POLICY).iterator()) {
                status = verifyChain(inSeqOrder(records, others), head, new StoredSearchRows(recommendations, policies),
                        fromSeq, fromHash);
            }
            return status.valid() ? rowsBeyondTheHead(h, head, status.records()).orElse(status) : status;
        });
    }

    /**
     * Every kind in seq order, each by its own formula ({@link ChainLink#recomputedHash}), and
     * each advice's stored search rows against those derived from its advice. The first problem
     * in seq order is reported; at one record, a chain problem before a row problem. Rows in a
     * gap are the gap's (reported as the gap, at the record after it).
     */
    private static ChainStatus verifyChain(Iterator<Linked> records, ChainLink head, StoredSearchRows rows,
                                           long fromSeq, String fromHash) {
        String previous = fromHash;
        long expected = fromSeq + 1;
        long count = fromSeq;
        while (records.hasNext()) {
            Linked linked = records.next();
            ChainLink r = linked.link();
            if (rows.nextSeq() < expected) {
                return orphanRows(count, rows.take(rows.nextSeq()), null);
            }
            count++;
            String reason = null;
            if (r.seq() != expected) {
                reason = "sequence gap: expected " + expected + ", found " + r.seq();
            } else if (linked.problem() != null) {
                reason = linked.problem();
            } else if (!r.prevHash().equals(previous)) {
                reason = "prev_hash does not match the hash of record " + (expected - 1);
            } else if (!r.recomputedHash().equals(r.hash())) {
                reason = "content does not match its hash";
            }
            if (reason != null) {
                return new ChainStatus(false, count, r.id(), r.seq(),
                        ChainLink.ADVICE.equals(r.kind()) ? reason : r.kind() + " record: " + reason);
            }
            SearchRows.Stored stored = rows.take(r.seq());
            if (!ChainLink.ADVICE.equals(r.kind())) {
                if (!stored.isEmpty()) {
                    return orphanRows(count, stored, r);
                }
            } else {
                String rowsReason = linked.rowsProblem() != null
                        ? "search rows cannot be checked: " + linked.rowsProblem()
                        : linked.rows().mismatch(stored);
                if (rowsReason != null) {
                    return new ChainStatus(false, count, r.id(), r.seq(), rowsReason.startsWith("search rows")
                            ? rowsReason : "search rows do not match the record: " + rowsReason);
                }
            }
            previous = r.hash();
            expected++;
        }
        if (count != head.seq() || !previous.equals(head.hash())) {
            return new ChainStatus(false, count, null, count + 1, "the chain head names record " + head.seq() + " but "
                    + count + " record(s) lead to it: records were removed");
        }
        if (rows.nextSeq() != Long.MAX_VALUE) {
            return orphanRows(count, rows.take(rows.nextSeq()), null);
        }
        return new ChainStatus(true, count, null, null, null);
    }

    /** Search rows at a seq that is no advice record: another kind's ({@code at}), or none's ({@code at} null). */
    private static ChainStatus orphanRows(long count, SearchRows.Stored stored, ChainLink at) {
        String where = at == null ? "no advice record has seq " + stored.seq()
                : "seq " + stored.seq() + " is " + (ChainLink.ACTIVATION.equals(at.kind()) ? "a rule-set activation"
                : "a " + at.kind() + " record");
        return new ChainStatus(false, count, at == null ? null : at.id(), stored.seq(),
                "search rows belong to no advice record: " + where + " (" + stored.describe() + ")");
    }

    /**
     * Rows beyond the head read by the chain check whose seq has no advice record: rows are
     * committed with their record, so in one statement's view rows without it are none's (a
     * record committed after the head was read is simply not checked this time).
     */
    private static Optional<ChainStatus> rowsBeyondTheHead(Handle h, ChainLink head, long count) {
        Optional<Long> orphan = h.createQuery("SELECT r.seq FROM (SELECT seq FROM advice_recommendations "
                        + "WHERE seq > :head UNION ALL SELECT seq FROM advice_policies WHERE seq > :head) r "
                        + "WHERE NOT EXISTS (SELECT 1 FROM advice_records a WHERE a.seq = r.seq) ORDER BY r.seq LIMIT 1")
                .bind("head", head.seq()).mapTo(Long.class).findFirst();
        if (orphan.isEmpty()) {
            return Optional.empty();
        }
        long seq = orphan.get();
        return Optional.of(orphanRows(count, storedRows(h, List.of(seq)).take(seq), null));
    }

    /** The search rows stored at {@code seqs}, in seq order, for {@link StoredSearchRows#take}. */
    private static StoredSearchRows storedRows(Handle h, List<Long> seqs) {
        List<StoredSearchRows.RecommendationRow> recommendations = new ArrayList<>();
        List<StoredSearchRows.PolicyRow> policies = new ArrayList<>();
        for (List<Long> chunk : chunks(seqs)) {
            SeqList in = SeqList.of(chunk);
            recommendations.addAll(h.createQuery("SELECT " + StoredSearchRows.RECOMMENDATION_COLUMNS
                            + " FROM advice_recommendations WHERE seq IN (" + in.sql() + ")")
                    .bindMap(in.arguments()).map(StoredSearchRows.RECOMMENDATION).list());
            policies.addAll(h.createQuery("SELECT " + StoredSearchRows.POLICY_COLUMNS
                            + " FROM advice_policies WHERE seq IN (" + in.sql() + ")")
                    .bindMap(in.arguments()).map(StoredSearchRows.POLICY).list());
        }
        recommendations.sort(java.util.Comparator.comparingLong(StoredSearchRows.RecommendationRow::seq)
                .thenComparingInt(StoredSearchRows.RecommendationRow::position));
        policies.sort(java.util.Comparator.comparingLong(StoredSearchRows.PolicyRow::seq));
        return new StoredSearchRows(recommendations.iterator(), policies.iterator());
    }

    /** At most 500 seqs a statement: well under any driver's limit on bound parameters. */
    private static List<List<Long>> chunks(List<Long> seqs) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i += 500) {
            chunks.add(seqs.subList(i, Math.min(seqs.size(), i + 500)));
        }
        return chunks;
    }

    /** {@code :s0, :s1, …} and their values, for {@code seq IN (…)} (the SQL has no templating). */
    private record SeqList(String sql, Map<String, Object> arguments) {
        static SeqList of(List<Long> seqs) {
            Map<String, Object> arguments = new LinkedHashMap<>();
            for (int i = 0; i < seqs.size(); i++) {
                arguments.put("s" + i, seqs.get(i));
            }
            return new SeqList(String.join(", ", arguments.keySet().stream().map(name -> ":" + name).toList()),
                    arguments);
        }
    }

    /** True when a write can be made now: a write that changes nothing takes the write lock, then rolls back. */
    boolean writable() {
        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                h.execute("UPDATE chain_head SET seq = seq WHERE id = 0");
            } finally {
                h.rollback();
            }
            return true;
        } catch (JdbiException e) {
            return false;
        }
    }

    private <T> T read(String what, HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw new StoreUnavailableException(what + ": " + sqlMessage(e), e);
        }
    }

    /**
     * A read of many large rows, without holding them all: PostgreSQL honours the fetch size
     * only inside a transaction; SQLite streams anyway, and a transaction there would take
     * the write lock (transactions are IMMEDIATE).
     */
    private <T> T streaming(String what, HandleCallback<T, RuntimeException> callback) {
        return read(what, h -> {
            if (!postgres) {
                return callback.withHandle(h);
            }
            h.begin();
            try {
                return callback.withHandle(h);
            } finally {
                h.rollback();
            }
        });
    }

    private static String sqlMessage(JdbiException e) {
        return e.getCause() instanceof SQLException sql ? sql.getMessage() : e.getMessage();
    }

    /** SQL conditions joined by AND, each with its named arguments; a null value adds no condition. */
    private static final class Conditions {
        private final List<String> clauses = new ArrayList<>();
        private final Map<String, Object> arguments = new LinkedHashMap<>();

        Conditions add(String clause, String name, Object value) {
            return value == null ? this : add(clause, Map.of(name, value));
        }

        Conditions add(String clause, Map<String, Object> values) {
            clauses.add(clause);
            arguments.putAll(values);
            return this;
        }

        boolean isEmpty() {
            return clauses.isEmpty();
        }

        String sql() {
            return String.join(" AND ", clauses);
        }

        Map<String, Object> arguments() {
            return arguments;
        }
    }

    static String approversJson(List<String> approvers) {
        try {
            return JSON.writeValueAsString(approvers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    /** The stored approvers; a row edited into something unreadable reads as such, and fails its hash. */
    private static List<String> approvers(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return List.of("(unreadable approvers: " + json + ")");
        }
    }

    Optional<Activation> latestActivation() {
        return read("cannot read the latest activation", h -> h.createQuery("SELECT " + ACTIVATION_COLUMNS
                + " FROM activation_records ORDER BY seq DESC LIMIT 1").map(ACTIVATION).findOne());
    }

    List<Activation> activations() {
        return read("cannot read the activations", h -> h.createQuery("SELECT " + ACTIVATION_COLUMNS
                + " FROM activation_records ORDER BY seq").map(ACTIVATION).list());
    }

    Optional<Activation> activation(String id) {
        return read("cannot read activation " + id, h -> h.createQuery("SELECT " + ACTIVATION_COLUMNS
                + " FROM activation_records WHERE id = :id").bind("id", id).map(ACTIVATION).findOne());
    }

    void saveCandidate(Candidate c) {
        read("cannot store candidate " + c.version(), h -> h.createUpdate("INSERT INTO rule_set_candidates ("
                        + CANDIDATE_COLUMNS + ") VALUES (:version, :origin, :proposer, :reason, :proposedAt, :status, "
                        + ":files, :gateJson) ON CONFLICT (version) DO UPDATE SET origin = excluded.origin, "
                        + "proposer = excluded.proposer, reason = excluded.reason, proposed_at = excluded.proposed_at, "
                        + "status = excluded.status, files = excluded.files, gate_json = excluded.gate_json")
                .bind("version", c.version()).bind("origin", c.origin()).bind("proposer", c.proposer())
                .bind("reason", c.reason()).bind("proposedAt", Timestamps.format(c.proposedAt()))
                .bind("status", c.status()).bind("files", c.files()).bind("gateJson", c.gateJson())
                .execute());
    }

    Optional<Candidate> candidate(String version) {
        return read("cannot read candidate " + version, h -> h.createQuery("SELECT " + CANDIDATE_COLUMNS
                + " FROM rule_set_candidates WHERE version = :version").bind("version", version).map(CANDIDATE).findOne());
    }

    List<Candidate> candidates() {
        return read("cannot read the candidates", h -> h.createQuery("SELECT " + CANDIDATE_COLUMNS
                + " FROM rule_set_candidates ORDER BY proposed_at, version").map(CANDIDATE).list());
    }

    /** One statement that either adds the row or, the key being taken, adds nothing: no race between instances. */
    boolean addApproval(Approval a) {
        return read("cannot store the approval of " + a.version() + " by " + a.keyId(), h -> h.createUpdate(
                        "INSERT INTO rule_set_approvals (version, key_id, approved_at) VALUES (:version, :keyId, :at) "
                                + "ON CONFLICT (version, key_id) DO NOTHING")
                .bind("version", a.version()).bind("keyId", a.keyId()).bind("at", Timestamps.format(a.approvedAt()))
                .execute()) == 1;
    }

    List<Approval> approvals(String version) {
        return read("cannot read the approvals of " + version, h -> h.createQuery("SELECT version, key_id, approved_at "
                        + "FROM rule_set_approvals WHERE version = :version ORDER BY approved_at, key_id")
                .bind("version", version).map(APPROVAL).list());
    }

    // Signed checkpoints: the log's identity, its keys and its checkpoints.

    /** The log's id, made (a random UUID) by the first caller; concurrent first callers agree on one. */
    String logId() {
        return read("cannot read the log's identity", h -> {
            h.createUpdate("INSERT INTO audit_log (id, log_id, created_at) VALUES (1, :logId, :at) "
                            + "ON CONFLICT (id) DO NOTHING")
                    .bind("logId", java.util.UUID.randomUUID().toString())
                    .bind("at", Timestamps.format(Instant.now())).execute();
            return h.createQuery("SELECT log_id FROM audit_log WHERE id = 1").mapTo(String.class).one();
        });
    }

    List<KeyRecord> keys() {
        return read("cannot read the signing keys", h -> h.createQuery("SELECT " + KEY_COLUMNS
                + " FROM key_records ORDER BY seq").map(KEY).list());
    }

    /** The latest key's id, read under the writer's chain-head lock. */
    static String currentKeyId(java.sql.Connection c) throws SQLException {
        try (var s = c.createStatement();
             var rs = s.executeQuery("SELECT key_id FROM key_records ORDER BY seq DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    void saveCheckpoint(Checkpoint cp) {
        read("cannot store the checkpoint of seq " + cp.seq(), h -> h.createUpdate("INSERT INTO checkpoints ("
                        + "log_id, seq, head_hash, signed_at, key_id, signature) VALUES (:logId, :seq, :headHash, "
                        + ":time, :keyId, :signature) ON CONFLICT (seq, signed_at, key_id) DO NOTHING")
                .bind("logId", cp.logId()).bind("seq", cp.seq()).bind("headHash", cp.headHash())
                .bind("time", cp.time()).bind("keyId", cp.keyId()).bind("signature", cp.signature()).execute());
    }

    /**
     * Newest first (by seq, then time), at most {@code limit}: those before ({@code beforeSeq},
     * {@code beforeTime}) when given, or below {@code beforeSeq} when only it is.
     */
    List<Checkpoint> checkpoints(Long beforeSeq, String beforeTime, int limit) {
        String where = beforeSeq == null ? "" : beforeTime == null ? " WHERE seq < :before"
                : " WHERE seq < :before OR (seq = :before AND signed_at < :time)";
        Map<String, Object> arguments = new HashMap<>();
        if (beforeSeq != null) {
            arguments.put("before", beforeSeq);
        }
        if (beforeSeq != null && beforeTime != null) {
            arguments.put("time", beforeTime);
        }
        return read("cannot read the checkpoints", h -> h.createQuery("SELECT " + CHECKPOINT_COLUMNS
                        + " FROM checkpoints" + where + " ORDER BY seq DESC, signed_at DESC LIMIT :limit")
                .bindMap(arguments).bind("limit", limit).map(CHECKPOINT).list());
    }

    /** The hash of the record at {@code seq}, of whichever kind; empty when there is none. */
    Optional<String> hashAt(long seq) {
        return read("cannot read record " + seq, h -> h.createQuery("SELECT hash FROM advice_records WHERE seq = :seq "
                        + "UNION ALL SELECT hash FROM activation_records WHERE seq = :seq "
                        + "UNION ALL SELECT hash FROM key_records WHERE seq = :seq")
                .bind("seq", seq).mapTo(String.class).findFirst());
    }

    /** The id of the record at {@code seq}, of whichever kind; empty when there is none. */
    Optional<String> idAt(long seq) {
        return read("cannot read record " + seq, h -> h.createQuery("SELECT id FROM advice_records WHERE seq = :seq "
                        + "UNION ALL SELECT id FROM activation_records WHERE seq = :seq "
                        + "UNION ALL SELECT id FROM key_records WHERE seq = :seq")
                .bind("seq", seq).mapTo(String.class).findFirst());
    }
}
