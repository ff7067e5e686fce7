package org.mineralsadvisor.bench.jmh;

import com.github.luben.zstd.Zstd;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.audit.StoredBody;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Compressing and decompressing the India advice (compact JSON, as the service stores it) with
 * the audit store's codec and the alternatives it was chosen over ({@code codec}):
 * <ul>
 *   <li>{@code store}: {@link StoredBody}, what the store does (zstd level 9);</li>
 *   <li>{@code zstd-3}: zstd's default level;</li>
 *   <li>{@code deflate-6}: {@code java.util.zip} at its default level, raw deflate.</li>
 * </ul>
 * µs per operation; the setup prints each codec's compressed size. The store compresses on
 * the request's thread and decompresses on every read, verify, export and replay.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuditBodyBenchmark {
    @Param({"store", "zstd-3", "deflate-6"})
    String codec;

    byte[] advice;
    byte[] compressed;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RuleSet rules = new RuleSetCompiler().compile(BenchFiles.rules());
        FactBase facts = new FactBaseLoader().load(BenchFiles.facts());
        advice = AdviceJson.compactBytes(new Advisor().evaluate(rules, facts,
                new ProfileParser(facts).parse(Files.readAllBytes(BenchFiles.indiaSample()))));
        compressed = compress();
        System.out.printf("%n%s: India advice %d bytes -> %d bytes%n", codec, advice.length, compressed.length);
    }

    @Benchmark
    public byte[] compress() {
        return switch (codec) {
            case "store" -> StoredBody.compress(advice);
            case "zstd-3" -> Zstd.compress(advice, 3);
            case "deflate-6" -> deflate(advice);
            default -> throw new IllegalArgumentException(codec);
        };
    }

    @Benchmark
    public byte[] decompress() throws DataFormatException {
        return switch (codec) {
            case "store" -> StoredBody.decompress(compressed);
            case "zstd-3" -> Zstd.decompress(compressed, advice.length);
            case "deflate-6" -> inflate(compressed, advice.length);
            default -> throw new IllegalArgumentException(codec);
        };
    }

    private static byte[] deflate(byte[] in) {
        Deflater deflater = new Deflater(6, true);
        try {
            deflater.setInput(in);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 4);
            byte[] buffer = new byte[16384];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] in, int size) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(in);
            byte[] out = new byte[size];
            inflater.inflate(out);
            return out;
        } finally {
            inflater.end();
        }
    }
}
