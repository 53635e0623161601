package io.tollgate.ingest.testing;

import io.tollgate.ingest.clickhouse.SchemaMigrator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A database of its own on the local stack's ClickHouse, with every migration applied, dropped on close: tests
 * that write can run side by side without seeing each other's rows.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final String url;
    private final String name;

    private ScratchDatabase(String url, String name) {
        this.url = url;
        this.name = name;
    }

    /** Creates {@code prefix + random} and applies infra/clickhouse/migrations to it. */
    public static ScratchDatabase migrated(String prefix) throws Exception {
        String url = LocalStack.clickhouseUrl();
        String name = prefix + UUID.randomUUID().toString().replace("-", "");
        new SchemaMigrator(url, name, credentials())
                .migrate(SchemaMigrator.read(LocalStack.checkout().resolve("infra/clickhouse/migrations")));
        return new ScratchDatabase(url, name);
    }

    /** The local stack's ClickHouse user. */
    public static Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", "default");
        p.setProperty("password", "");
        return p;
    }

    public static void drop(String url, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, credentials()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    /** JDBC URL of the server, without database. */
    public String url() {
        return url;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        drop(url, name);
    }
}
