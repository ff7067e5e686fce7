package org.mineralsadvisor.testing;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictDecompress;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * Edits a stored advice by hand, as someone with write access to the database could: the
 * advice of a record written since migration V4 is a zstd frame in {@code advice_z}, so this
 * decompresses it (with its compression dictionary), edits the text and writes a new frame
 * (the hash is left as it was).
 */
public final class StoredAdvice {
    private StoredAdvice() {
    }

    public static void edit(String jdbcUrl, String id, UnaryOperator<String> edit) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            byte[] frame;
            String dictionaryId;
            try (PreparedStatement read = c.prepareStatement("SELECT advice_z, dictionary FROM advice_records WHERE id = ?")) {
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next() || rs.getBytes(1) == null) {
                        throw new IllegalArgumentException("no compressed advice stored for " + id);
                    }
                    frame = rs.getBytes(1);
                    dictionaryId = rs.getString(2);
                }
            }
            int size = (int) Zstd.getFrameContentSize(frame);
            String advice = new String(dictionaryId == null ? Zstd.decompress(frame, size)
                    : Zstd.decompress(frame, new ZstdDictDecompress(dictionary(c, dictionaryId)), size), StandardCharsets.UTF_8);
            String edited = edit.apply(advice);
            if (edited.equals(advice)) {
                throw new IllegalArgumentException("the edit changed nothing in the advice of " + id);
            }
            // Written back as a plain frame, as an editor without the dictionary would.
            try (PreparedStatement write = c.prepareStatement("UPDATE advice_records SET advice_z = ?, dictionary = NULL WHERE id = ?")) {
                write.setBytes(1, Zstd.compress(edited.getBytes(StandardCharsets.UTF_8)));
                write.setString(2, id);
                write.executeUpdate();
            }
        }
    }

    /** The bytes of the stored compression dictionary {@code id}. */
    public static byte[] dictionary(Connection c, String id) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT content_z FROM compression_dictionaries WHERE id = ?")) {
            read.setString(1, id);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no compression dictionary " + id);
                }
                byte[] frame = rs.getBytes(1);
                return Zstd.decompress(frame, (int) Zstd.getFrameContentSize(frame));
            }
        }
    }
}
