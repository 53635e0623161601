package io.tollgate.app;

import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.DeckStore;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where ClickHouse is: the options, and their environment defaults, that every command talking to it shares. */
final class ClickHouseAddress {
    @Option(names = "--url", paramLabel = "JDBC-URL",
            defaultValue = "${env:TOLLGATE_CLICKHOUSE_URL:-jdbc:clickhouse://127.0.0.1:8123}",
            description = "the ClickHouse server, without database (default: $TOLLGATE_CLICKHOUSE_URL or ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--database", paramLabel = "NAME",
            defaultValue = "${env:TOLLGATE_CLICKHOUSE_DATABASE:-tollgate}",
            description = "the database (default: $TOLLGATE_CLICKHOUSE_DATABASE or ${DEFAULT-VALUE})")
    String database;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:TOLLGATE_CLICKHOUSE_USER:-default}",
            description = "the user (default: $TOLLGATE_CLICKHOUSE_USER or ${DEFAULT-VALUE}); the password is read"
                    + " from $TOLLGATE_CLICKHOUSE_PASSWORD")
    String user;

    /** User and password; the password only ever from the environment, never from the command line. */
    Properties credentials() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", System.getenv().getOrDefault("TOLLGATE_CLICKHOUSE_PASSWORD", ""));
        return props;
    }

    ClickHouseDatabase clickHouse() {
        return new ClickHouseDatabase(url, database, credentials());
    }

    DeckStore deckStore() {
        return new DeckStore(url, database, credentials());
    }

    /** A connection to the database, with RowBinary batch inserts (several times faster for large imports). */
    Connection connect() throws SQLException {
        Properties props = credentials();
        props.setProperty("beta.row_binary_for_simple_insert", "true");
        String server = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            return DriverManager.getConnection(server + "/" + database, props);
        } catch (SQLException e) {
            throw new SQLException("cannot reach ClickHouse at " + server + " (database " + database + "): "
                    + e.getMessage() + "; is it running and migrated? (locally: infra/stack up clickhouse;"
                    + " tollgate db migrate)", e);
        }
    }
}
