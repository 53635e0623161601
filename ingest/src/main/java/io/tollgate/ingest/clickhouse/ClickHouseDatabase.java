package io.tollgate.ingest.clickhouse;

import io.tollgate.ingest.config.ServiceAddresses;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where one Tollgate database is: JDBC URL of the server, database name and credentials. Serializable so that a
 * Flink sink can carry it to the TaskManagers; the password is only in {@link #credentials}, never in toString.
 */
public record ClickHouseDatabase(String url, String database, Properties credentials) implements Serializable {
    /** The driver DriverManager chose before (it picks v1 or v2 by the URL's properties; v2 by default). */
    private static final Driver DRIVER = new com.clickhouse.jdbc.ClickHouseDriver();

    public ClickHouseDatabase {
        Properties copy = new Properties();
        copy.putAll(credentials);
        credentials = copy;
    }

    public static ClickHouseDatabase of(ServiceAddresses.ClickHouse clickhouse) {
        Properties credentials = new Properties();
        credentials.setProperty("user", clickhouse.user());
        credentials.setProperty("password", clickhouse.password().isSet() ? clickhouse.password().reveal() : "");
        return new ClickHouseDatabase(clickhouse.url(), clickhouse.database(), credentials);
    }

    /** A connection to the database; plain {@code INSERT ... VALUES} goes as RowBinary (clickhouse.md: ~3x rows/s). */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(credentials);
        properties.setProperty("beta.row_binary_for_simple_insert", "true");
        String server = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return open(server + "/" + database, properties);
    }

    /**
     * A connection through the ClickHouse driver itself, not the JDK's DriverManager: inside a Flink job the
     * driver's registration there is undone when the job's class loader is released (to free its classes), and a
     * task restarted on the same loader would then find "no suitable driver".
     */
    static Connection open(String jdbcUrl, Properties properties) throws SQLException {
        Connection connection = DRIVER.connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("not a ClickHouse JDBC URL: " + jdbcUrl);
        }
        return connection;
    }

    @Override
    public String toString() {
        return url + "/" + database + " as " + credentials.getProperty("user", "default");
    }
}
