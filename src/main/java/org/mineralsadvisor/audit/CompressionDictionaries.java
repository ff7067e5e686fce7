package org.mineralsadvisor.audit;

import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zstd dictionaries advice is compressed against. Advice given under one rule set and fact
 * base repeats the same rows, rule names and sentences, so each pair's first stored advice
 * becomes the dictionary for the advice after it: an India advice of about 100 KB then stores
 * in about 1 KB instead of 14 KB, and a different country's in about half of its plain frame.
 *
 * <p>A dictionary is content-addressed: its id is the SHA-256 of its bytes, it is kept (itself
 * as a zstd frame) in {@code compression_dictionaries}, written and committed before any record
 * that names it, and checked against its id whenever it is read, so an edited dictionary makes
 * every record compressed against it fail verification by name. Dictionaries live in the store,
 * so a copied or restored store reads on its own; none is shipped or tied to a rule pack.
 */
final class CompressionDictionaries {
    /** Dictionaries are large; a process serves a handful of rule-set and fact-base pairs. */
    private static final int MAX_CACHED = 64;

    /** A dictionary ready to compress with. */
    record Dictionary(String id, ZstdDictCompress compressor) {
    }

    private final Jdbi jdbi;
    private final ConcurrentHashMap<String, Dictionary> byVersions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ZstdDictDecompress> byId = new ConcurrentHashMap<>();

    CompressionDictionaries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The dictionary for advice under these versions: the one stored for them, or else
     * {@code advice} itself, stored now. Empty when none can be stored (the advice is then
     * compressed on its own; its own write will report a store that is down).
     */
    Optional<Dictionary> forVersions(String ruleSetVersion, String factBaseVersion, byte[] advice) {
        String key = ruleSetVersion + "|" + factBaseVersion;
        Dictionary known = byVersions.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            if (byVersions.size() >= MAX_CACHED) {
                byVersions.clear();
            }
            return Optional.of(byVersions.computeIfAbsent(key, k -> loadOrStore(ruleSetVersion, factBaseVersion, advice)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Dictionary loadOrStore(String ruleSetVersion, String factBaseVersion, byte[] advice) {
        return jdbi.inTransaction(h -> {
            Optional<StoredDictionary> stored = h.createQuery("SELECT id, content_z FROM compression_dictionaries "
                            + "WHERE rule_set_version = :rules AND fact_base_version = :facts ORDER BY created_at, id")
                    .bind("rules", ruleSetVersion).bind("facts", factBaseVersion)
                    .map((rs, ctx) -> new StoredDictionary(rs.getString("id"), rs.getBytes("content_z")))
                    .findFirst();
            if (stored.isPresent()) {
                byte[] content = checked(stored.get().id(), stored.get().frame());
                return new Dictionary(stored.get().id(), new ZstdDictCompress(content, StoredBody.LEVEL));
            }
            String id = ChainHash.sha256(advice);
            h.createUpdate("INSERT INTO compression_dictionaries (id, created_at, rule_set_version, fact_base_version, "
                            + "content_z) VALUES (:id, :createdAt, :rules, :facts, :content) ON CONFLICT (id) DO NOTHING")
                    .bind("id", id)
                    .bind("createdAt", org.mineralsadvisor.provenance.Timestamps.format(java.time.Instant.now()))
                    .bind("rules", ruleSetVersion).bind("facts", factBaseVersion)
                    .bind("content", StoredBody.compress(advice))
                    .execute();
            return new Dictionary(id, new ZstdDictCompress(advice, StoredBody.LEVEL));
        });
    }

    private record StoredDictionary(String id, byte[] frame) {
    }

    /**
     * The dictionary {@code id} for decompressing, read from the store the first time.
     *
     * @throws StoredBody.UnreadableBodyException when it is missing, or its bytes no longer hash to its id
     */
    ZstdDictDecompress decompressor(String id) {
        ZstdDictDecompress known = byId.get(id);
        if (known != null) {
            return known;
        }
        byte[] frame = jdbi.withHandle(h -> h.createQuery("SELECT content_z FROM compression_dictionaries WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> rs.getBytes("content_z")).findFirst().orElse(null));
        if (frame == null) {
            throw new StoredBody.UnreadableBodyException("its compression dictionary " + id + " is missing");
        }
        ZstdDictDecompress decompressor = new ZstdDictDecompress(checked(id, frame));
        if (byId.size() >= MAX_CACHED) {
            byId.clear();
        }
        byId.put(id, decompressor);
        return decompressor;
    }

    private static byte[] checked(String id, byte[] frame) {
        byte[] content;
        try {
            content = StoredBody.decompress(frame);
        } catch (StoredBody.UnreadableBodyException e) {
            throw new StoredBody.UnreadableBodyException("its compression dictionary " + id + " cannot be read: "
                    + e.getMessage());
        }
        if (!ChainHash.sha256(content).equals(id)) {
            throw new StoredBody.UnreadableBodyException("its compression dictionary " + id
                    + " was altered (its bytes no longer hash to its id)");
        }
        return content;
    }
}
