package org.mineralsadvisor.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What an attacker with write access to the database does: edits a record and recomputes its
 * hash and every hash after it, and the chain head, so that the chain verifies again.
 */
public final class LogRewrite {
    private LogRewrite() {
    }

    /** Record {@code from} gets another asOf; it and every record after it get their hashes recomputed. */
    public static void rewriteFrom(AuditStore store, Connection c, long from) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE advice_records SET as_of = '1999-01-01' WHERE seq = " + from);
        }
        rehash(store, c, from);
    }

    /** Recomputes the hashes of the records from {@code from} on (advice and key records) and the head. */
    public static void rehash(AuditStore store, Connection c, long from) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        String previous = from == 1 ? ChainHash.GENESIS : store.hashAt(from - 1).orElseThrow();
        long head = store.head().seq();
        for (long seq = from; seq <= head; seq++) {
            previous = recomputed(store, c, seq, previous);
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE chain_head SET hash = ? WHERE id = 1")) {
            s.setString(1, previous);
            s.executeUpdate();
        }
        c.commit();
        c.setAutoCommit(auto);
    }

    private static String recomputed(AuditStore store, Connection c, long seq, String previous) throws SQLException {
        try (PreparedStatement key = c.prepareStatement("SELECT id, introduced_at, key_id, public_key, previous_key_id, "
                + "endorsement, proof FROM key_records WHERE seq = ?")) {
            key.setLong(1, seq);
            try (ResultSet rs = key.executeQuery()) {
                if (rs.next()) {
                    String hash = ChainHash.ofKey(previous, seq, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
                    update(c, "key_records", seq, previous, hash);
                    return hash;
                }
            }
        }
        String id;
        String asOf;
        try (PreparedStatement advice = c.prepareStatement("SELECT id, as_of FROM advice_records WHERE seq = ?")) {
            advice.setLong(1, seq);
            try (ResultSet rs = advice.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("seq " + seq + " is neither an advice nor a key record");
                }
                id = rs.getString(1);
                asOf = rs.getString(2);
            }
        }
        StoredRecord r = store.find(id).orElseThrow();
        String hash = ChainHash.of(previous, seq, r.id(), r.createdAt(), r.country(), asOf, r.role(), r.keyId(),
                r.ruleSetVersion(), r.factBaseVersion(), r.input(), r.advice());
        update(c, "advice_records", seq, previous, hash);
        return hash;
    }

    private static void update(Connection c, String table, long seq, String previous, String hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET prev_hash = ?, hash = ? WHERE seq = ?")) {
            s.setString(1, previous);
            s.setString(2, hash);
            s.setLong(3, seq);
            s.executeUpdate();
        }
    }
}
