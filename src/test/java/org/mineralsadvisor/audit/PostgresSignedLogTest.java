package org.mineralsadvisor.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The signed-log contract on PostgreSQL (skipped where none is reachable, but never under CI=true). */
class PostgresSignedLogTest extends SignedLogContract {
    private String schema;

    @BeforeAll
    static void reachable() {
        PostgresAuditStoreTest.requirePostgres();
    }

    @Override
    protected String freshDatabase() {
        schema = "advisor_sig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return PostgresAuditStoreTest.freshSchemaUrl(schema);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return AuditStoreContract.connect(PostgresAuditStoreTest.freshSchemaUrl(schema));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = AuditStoreContract.connect(PostgresAuditStoreTest.BASE); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
