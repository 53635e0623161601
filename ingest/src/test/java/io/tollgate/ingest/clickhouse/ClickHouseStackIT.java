package io.tollgate.ingest.clickhouse;

import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real ClickHouse of infra/stack: version, the numbered migrations, and idempotent rated CDRs. */
class ClickHouseStackIT {
    private static final List<String> TABLES = List.of("rated_cdrs", "fraud_alerts", "rate_deck_rows", "carrier_cdrs",
            "invoices", "invoice_lines", "recon_results", "audit_log");

    private final Properties credentials = new Properties();
    private String url;
    private String database;

    @BeforeEach
    void freshDatabase() {
        url = LocalStack.clickhouseUrl();
        credentials.setProperty("user", "default");
        credentials.setProperty("password", "");
        database = "it_" + UUID.randomUUID().toString().replace("-", "");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(url, credentials); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Test
    void theServerIsClickHouse26OrLater() throws Exception {
        try (Connection c = DriverManager.getConnection(url, credentials);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            String version = rs.getString(1);
            assertThat(Integer.parseInt(version.split("\\.")[0])).as(version).isGreaterThanOrEqualTo(26);
        }
    }

    @Test
    void migrationsCreateEveryTableOnceAndASecondRunAppliesNothing() throws Exception {
        List<SchemaMigrator.Migration> migrations = SchemaMigrator.read(LocalStack.checkout().resolve("infra/clickhouse/migrations"));
        SchemaMigrator migrator = new SchemaMigrator(url, database, credentials);

        assertThat(migrator.migrate(migrations)).hasSameSizeAs(migrations);
        assertThat(migrator.migrate(migrations)).isEmpty();
        assertThat(migrator.applied().keySet()).hasSameSizeAs(migrations);
        assertThat(tables()).containsAll(TABLES);
    }

    @Test
    void aRatedCdrWrittenTwiceIsCountedOnce() throws Exception {
        new SchemaMigrator(url, database, credentials)
                .migrate(SchemaMigrator.read(LocalStack.checkout().resolve("infra/clickhouse/migrations")));
        try (Connection c = DriverManager.getConnection(url + "/" + database, credentials)) {
            insertRatedCdr(c, "call-1", "0.125000");
            insertRatedCdr(c, "call-1", "0.125000"); // a replayed write
            insertRatedCdr(c, "call-2", "0.500000");
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(), sum(customer_amount) FROM rated_cdrs FINAL")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("0.625");
            }
        }
    }

    private List<String> tables() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, credentials);
             PreparedStatement q = c.prepareStatement("SELECT name FROM system.tables WHERE database = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static void insertRatedCdr(Connection c, String callId, String amount) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO rated_cdrs (call_id, rating_version, customer_id,"
                + " a_number, b_number, setup_time, end_time, duration_ms, disposition, cause, attempts, currency,"
                + " customer_amount) VALUES (?, 1, 'acme', '441', '442', ?, ?, 60000, 'ANSWERED', 16, 1, 'EUR', ?)")) {
            Timestamp t = Timestamp.from(Instant.parse("2026-03-02T09:15:00Z"));
            insert.setString(1, callId);
            insert.setTimestamp(2, t);
            insert.setTimestamp(3, t);
            insert.setBigDecimal(4, new BigDecimal(amount));
            insert.executeUpdate();
        }
    }
}
