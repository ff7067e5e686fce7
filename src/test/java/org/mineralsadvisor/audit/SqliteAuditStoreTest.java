package org.mineralsadvisor.audit;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** The store contract on an embedded SQLite file, tampered with by opening the file directly. */
class SqliteAuditStoreTest extends AuditStoreContract {
    @TempDir
    Path dir;
    private Path file;

    @Override
    protected String freshDatabase() {
        file = dir.resolve("audit.db");
        return file.toString();
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return connect("jdbc:sqlite:" + file);
    }
}
