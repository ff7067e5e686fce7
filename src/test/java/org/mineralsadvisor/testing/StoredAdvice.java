package org.mineralsadvisor.testing;

import com.github.luben.zstd.Zstd;

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
 * decompresses it, edits the text and writes a new frame (the hash is left as it was).
 */
public final class StoredAdvice {
    private StoredAdvice() {
    }

    public static void edit(String jdbcUrl, String id, UnaryOperator<String> edit) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            byte[] frame;
            try (PreparedStatement read = c.prepareStatement("SELECT advice_z FROM advice_records WHERE id = ?")) {
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next() || rs.getBytes(1) == null) {
                        throw new IllegalArgumentException("no compressed advice stored for " + id);
                    }
                    frame = rs.getBytes(1);
                }
            }
            String advice = new String(Zstd.decompress(frame, (int) Zstd.getFrameContentSize(frame)), StandardCharsets.UTF_8);
            String edited = edit.apply(advice);
            if (edited.equals(advice)) {
                throw new IllegalArgumentException("the edit changed nothing in the advice of " + id);
            }
            try (PreparedStatement write = c.prepareStatement("UPDATE advice_records SET advice_z = ? WHERE id = ?")) {
                write.setBytes(1, Zstd.compress(edited.getBytes(StandardCharsets.UTF_8)));
                write.setString(2, id);
                write.executeUpdate();
            }
        }
    }
}
