package org.mineralsadvisor.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the audit store lives: a SQLite file (the default) or a PostgreSQL database. */
public record StoreLocation(Dialect dialect, String jdbcUrl, String display, String schema) {

    public enum Dialect { SQLITE, POSTGRES }

    /** A path, a {@code jdbc:sqlite:} URL or a {@code jdbc:postgresql:} URL. */
    public static StoreLocation parse(String db) {
        if (db.startsWith("jdbc:postgresql:")) {
            java.util.regex.Matcher schema = java.util.regex.Pattern.compile("[?&]currentSchema=([^&]+)").matcher(db);
            return new StoreLocation(Dialect.POSTGRES, db, db.replaceAll("password=[^&]*", "password=***"),
                    schema.find() ? schema.group(1) : null);
        }
        String path = db.startsWith("jdbc:sqlite:") ? db.substring("jdbc:sqlite:".length()) : db;
        if (db.startsWith("jdbc:") && !db.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("unsupported database URL " + db + ": use a file path, jdbc:sqlite: or jdbc:postgresql:");
        }
        int query = path.indexOf('?');
        String file = query < 0 ? path : path.substring(0, query);
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the audit store " + file, e);
        }
        // WAL lets readers run beside the writer; synchronous=FULL makes each commit durable;
        // IMMEDIATE transactions take the write lock at BEGIN, so the chain head is never raced.
        String url = "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL&busy_timeout=10000"
                + "&transaction_mode=IMMEDIATE";
        return new StoreLocation(Dialect.SQLITE, url, file, null);
    }
}
