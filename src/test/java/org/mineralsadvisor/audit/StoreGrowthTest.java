package org.mineralsadvisor.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.auth.Caller;
import org.mineralsadvisor.service.AdvisoryService;
import org.mineralsadvisor.service.GivenAdvice;
import org.mineralsadvisor.service.Knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.luben.zstd.ZstdDictCompress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the store costs per advice: the growth of a fresh SQLite store's file over
 * {@value #ADVICES} India advices given through the service (profile and advice as zstd frames,
 * the row, the search-index rows). The store is closed before each measurement, so that SQLite
 * checkpoints its write-ahead log into the file; any -wal file left is counted too.
 *
 * <p>Issue 10's target is {@value #TARGET} bytes per India advice. Compressed on its own, the
 * evidence-once advice (about 106 KB) is a 14.2 KB frame and the store grew by about 20,100
 * bytes an advice (SQLite keeps such a frame in 4 overflow pages; the row and its search-index
 * rows add about 3,700). Compressed against the first advice under the same rule set and fact
 * base (CompressionDictionaries) the frame is about 1 KB and the growth about 5,800 bytes.
 */
class StoreGrowthTest {
    static final int ADVICES = 2_000;
    static final long TARGET = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    void an_india_advice_grows_the_sqlite_store_by_at_most_16_kib() throws Exception {
        Path db = dir.resolve("advisor.db");
        Knowledge knowledge = Knowledge.load(Path.of("rules"), Path.of("facts"));
        byte[] india = Files.readAllBytes(Path.of("samples/india.json"));

        GivenAdvice first;
        try (JdbcAuditStore store = JdbcAuditStore.open(db.toString(), new SimpleMeterRegistry())) {
            // The first advice also stores the rule set's and fact base's files: not part of the growth per advice.
            first = service(knowledge, store).advise(india, Caller.LOCAL);
        }
        long before = size(db);

        try (JdbcAuditStore store = JdbcAuditStore.open(db.toString(), new SimpleMeterRegistry())) {
            AdvisoryService service = service(knowledge, store);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                List<Future<GivenAdvice>> given = new ArrayList<>();
                for (int i = 0; i < ADVICES; i++) {
                    given.add(clients.submit(() -> service.advise(india, Caller.LOCAL)));
                }
                for (Future<GivenAdvice> g : given) {
                    g.get();
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(store.verify()).isEqualTo(new ChainStatus(true, ADVICES + 1, null, null, null));
        }
        long after = size(db);

        double perAdvice = (after - before) / (double) ADVICES;
        int plainFrame = StoredBody.compress(first.json()).length;
        int frame = StoredBody.compress(first.json(), new ZstdDictCompress(first.json(), StoredBody.LEVEL)).length;
        String figure = String.format("store growth: %.0f bytes per India advice over %d advices (advice %d bytes "
                + "compact, %d as a zstd frame alone, %d against its dictionary; profile %d bytes); target %d: %s%n",
                perAdvice, ADVICES, first.json().length, plainFrame, frame, india.length, TARGET,
                perAdvice <= TARGET ? "met" : "NOT met");
        System.out.print(figure);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/store-growth.txt"), figure);
        assertThat(perAdvice).as("bytes the store grows per India advice").isLessThanOrEqualTo(TARGET);
        // The measurement sees the data: a store cannot grow by less than the frames it keeps.
        assertThat(perAdvice).isGreaterThan(frame);
    }

    private static AdvisoryService service(Knowledge knowledge, JdbcAuditStore store) {
        return new AdvisoryService(knowledge, store, new Advisor(), 4, 60_000, new SimpleMeterRegistry());
    }

    /** The database file and whatever write-ahead log the last close left. */
    private static long size(Path db) throws IOException {
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        return Files.size(db) + (Files.exists(wal) ? Files.size(wal) : 0);
    }
}
