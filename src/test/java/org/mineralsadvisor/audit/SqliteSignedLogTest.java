package org.mineralsadvisor.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** The signed-log contract on SQLite. */
class SqliteSignedLogTest extends SignedLogContract {
    private String file;

    @Override
    protected String freshDatabase() {
        file = dir.resolve("audit-" + UUID.randomUUID() + ".db").toString();
        return file;
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return AuditStoreContract.connect("jdbc:sqlite:" + file);
    }
}
