package org.mineralsadvisor.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The store contract on PostgreSQL (127.0.0.1:5432, database test; ADVISOR_TEST_PG overrides),
 * each test in a schema of its own. Skipped with a message where no PostgreSQL is reachable,
 * but under CI=true it must run.
 */
class PostgresAuditStoreTest extends AuditStoreContract {
    static final String BASE = System.getenv().getOrDefault("ADVISOR_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/test");
    private String schema;

    @BeforeAll
    static void reachable() {
        requirePostgres();
    }

    static void requirePostgres() {
        try (Connection c = connect(BASE + (BASE.contains("?") ? "&" : "?") + "connectTimeout=3")) {
            c.isValid(3);
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + BASE + " (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + ": under CI the PostgreSQL tests must run");
            }
            Assumptions.abort(why + ": skipping the PostgreSQL audit-store tests");
        }
    }

    static String freshSchemaUrl(String schema) {
        return BASE + (BASE.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    protected String freshDatabase() {
        schema = "advisor_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return freshSchemaUrl(schema);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return connect(freshSchemaUrl(schema));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = connect(BASE); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
