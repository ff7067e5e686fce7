package org.mineralsadvisor.audit;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How the audit store keeps an advice's and a profile's bodies: each as one standard zstd frame
 * (level {@value #LEVEL}, content size in the frame header), so that any zstd tool can read a
 * stored row, and the bytes read back are exactly the bytes that were written.
 *
 * <p>Why zstd at level 9 (measured on the India advice, 127,793 bytes compact; README, "Audit
 * trail"): deflate ({@code java.util.zip}) stores it in 16,876 bytes at level 6 and 16,661 at
 * level 9 in 1.5-2.5 ms; zstd in 15,792 at level 3 (0.13 ms), 14,052 at level 6 and 13,644 at
 * level 9 (about 0.9 ms), and decompresses in about 60 µs at any level; levels 15-19 take
 * 25-50 ms for 5% less. Compressing costs in proportion to the advice, and the store does it on
 * the caller's thread, before the record joins the group commit, so the single writer never
 * waits on it. The advice is compressed against the first advice stored under the same rule set
 * and fact base ({@link CompressionDictionaries}), kept in the store itself, which brings the
 * India advice from about 14 KB to a few hundred bytes.
 *
 * <p>Records written before migration V4 hold their bodies as text with no codec; {@link #read}
 * takes either.
 */
public final class StoredBody {
    /** The value of {@code body_codec} for a record whose bodies are zstd frames. */
    public static final String ZSTD = "zstd";
    static final int LEVEL = 9;

    private StoredBody() {
    }

    /**
     * Fails with a clear message, at the store's opening rather than at the first advice, where
     * zstd-jni has no native library for this platform (or cannot unpack it into java.io.tmpdir).
     */
    static void checkCodec() {
        try {
            byte[] probe = "{}".getBytes(StandardCharsets.UTF_8);
            if (!java.util.Arrays.equals(decompress(compress(probe)), probe)) {
                throw new IllegalStateException("a zstd round trip changed the bytes");
            }
        } catch (LinkageError | RuntimeException e) {
            throw new StoreUnavailableException("cannot use zstd, the audit store's codec, on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ": " + e, e);
        }
    }

    /** One zstd frame of {@code body}. */
    public static byte[] compress(byte[] body) {
        return Zstd.compress(body, LEVEL);
    }

    /** One zstd frame of {@code body}, compressed against a dictionary. */
    static byte[] compress(byte[] body, ZstdDictCompress dictionary) {
        return Zstd.compress(body, dictionary);
    }

    /** The bytes of a frame compressed against {@code dictionary} (null: none), checked as {@link #decompress(byte[])} says. */
    static byte[] decompress(byte[] frame, ZstdDictDecompress dictionary) {
        long size = declaredSize(frame);
        byte[] body = new byte[(int) size];
        long written;
        try {
            written = dictionary == null ? Zstd.decompressByteArray(body, 0, body.length, frame, 0, frame.length)
                    : Zstd.decompressFastDict(body, 0, frame, 0, frame.length, dictionary);
        } catch (ZstdException e) {
            throw new UnreadableBodyException("zstd: " + e.getMessage());
        }
        if (written != size) {
            throw new UnreadableBodyException("the zstd frame claims " + size + " bytes but holds " + written);
        }
        return body;
    }

    private static long declaredSize(byte[] frame) {
        if (frame == null) {
            throw new UnreadableBodyException("the compressed body is missing");
        }
        long size = Zstd.getFrameContentSize(frame);
        if (size < 0) {
            throw new UnreadableBodyException("not a zstd frame with its size (" + frame.length + " bytes stored)");
        }
        long limit = Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 4);
        if (size > limit) {
            throw new UnreadableBodyException("the zstd frame claims " + size + " bytes, more than " + limit
                    + " this process could hold");
        }
        return size;
    }

    /**
     * The bytes of one zstd frame as written. Refuses a frame that does not say its size, says
     * more than this JVM could hold, or does not decompress to exactly that size: a damaged or
     * edited row is named as unreadable rather than allocating whatever its header claims.
     */
    public static byte[] decompress(byte[] frame) {
        return decompress(frame, null);
    }

    /**
     * The profile and advice of one {@code advice_records} row as written: its text columns when
     * {@code body_codec} is null (a record from before V4), else its frames, decompressed. Text
     * read as text stays text, so an old record reads and hashes exactly as before V4.
     *
     * @throws UnreadableRecordException when the codec is unknown or a frame cannot be decompressed
     */
    static Bodies read(ResultSet rs, CompressionDictionaries dictionaries) throws SQLException {
        String codec = rs.getString("body_codec");
        if (codec == null) {
            return new Bodies(rs.getString("input"), rs.getString("advice"), null, null);
        }
        long seq = rs.getLong("seq");
        String id = rs.getString("id");
        if (!ZSTD.equals(codec)) {
            throw new UnreadableRecordException(seq, id, "its bodies are stored with an unknown codec '" + codec + "'");
        }
        requireNoText(rs, seq, id, "input", "profile");
        requireNoText(rs, seq, id, "advice", "advice");
        return new Bodies(null, null, decompress(seq, id, "profile", rs.getBytes("input_z"), null, dictionaries),
                decompress(seq, id, "advice", rs.getBytes("advice_z"), rs.getString("dictionary"), dictionaries));
    }

    /** A compressed record's text column is empty as written; text there is a hand edit, and ambiguous. */
    private static void requireNoText(ResultSet rs, long seq, String id, String column, String what) throws SQLException {
        String text = rs.getString(column);
        if (text == null || !text.isEmpty()) {
            throw new UnreadableRecordException(seq, id, "the row holds " + (text == null ? "NULL" : "text")
                    + " in column " + column + " beside its compressed " + what + " (written empty): the row was edited");
        }
    }

    /** The profile alone of one row (selected with {@code seq, id, input, body_codec, input_z}), as written. */
    static String readInput(ResultSet rs) throws SQLException {
        String codec = rs.getString("body_codec");
        if (codec == null) {
            return rs.getString("input");
        }
        long seq = rs.getLong("seq");
        String id = rs.getString("id");
        if (!ZSTD.equals(codec)) {
            throw new UnreadableRecordException(seq, id, "its bodies are stored with an unknown codec '" + codec + "'");
        }
        requireNoText(rs, seq, id, "input", "profile");
        return new String(decompress(seq, id, "profile", rs.getBytes("input_z"), null, null), StandardCharsets.UTF_8);
    }

    /** {@code frame}, against the stored dictionary {@code dictionary} (null: none), or the record named as unreadable. */
    private static byte[] decompress(long seq, String id, String what, byte[] frame, String dictionary,
                                     CompressionDictionaries dictionaries) {
        try {
            return decompress(frame, dictionary == null ? null : dictionaries.decompressor(dictionary));
        } catch (UnreadableBodyException e) {
            throw new UnreadableRecordException(seq, id, "the stored " + what + " cannot be decompressed: "
                    + e.getMessage());
        }
    }

    /** One record's bodies: as text (a record from before V4) or as the bytes written. */
    record Bodies(String storedInput, String storedAdvice, byte[] inputBytes, byte[] adviceBytes) {
        String inputText() {
            return storedInput != null ? storedInput : new String(inputBytes, StandardCharsets.UTF_8);
        }

        String adviceText() {
            return storedAdvice != null ? storedAdvice : new String(adviceBytes, StandardCharsets.UTF_8);
        }

        /** SHA-256 of the profile as the chain hash takes it: of its UTF-8 bytes as written. */
        String inputSha256() {
            return storedInput != null ? ChainHash.sha256(storedInput) : ChainHash.sha256(inputBytes);
        }

        String adviceSha256() {
            return storedAdvice != null ? ChainHash.sha256(storedAdvice) : ChainHash.sha256(adviceBytes);
        }
    }

    /** A stored body that cannot be read back: a damaged or edited row. */
    public static final class UnreadableBodyException extends RuntimeException {
        UnreadableBodyException(String message) {
            super(message);
        }
    }
}
