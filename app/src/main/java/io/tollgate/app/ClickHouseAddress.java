package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.DeckStore;
import io.tollgate.ingest.config.EnvironmentOverrides;
import io.tollgate.ingest.config.ServiceAddresses;
import io.tollgate.ingest.config.TollgateConfig;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where ClickHouse is, for every command that talks to it. Each value is the option, else its environment variable,
 * else the configuration's {@code services.clickhouse}, else the local stack's default; the password is never an
 * option: {@code $TOLLGATE_CLICKHOUSE_PASSWORD}, else {@code services.clickhouse.password_file}, else none. The
 * configuration is the command's own {@code --config} ({@link #configuredBy}), else {@code $TOLLGATE_CONFIG}, else
 * {@code ./tollgate.yaml} when it exists; none at all is no error. It is read only when ClickHouse is reached.
 */
final class ClickHouseAddress {
    static final String DEFAULT_URL = "jdbc:clickhouse://127.0.0.1:8123";
    static final String DEFAULT_DATABASE = "tollgate";
    static final String DEFAULT_USER = "default";
    /** Where the configuration is looked for when neither the command nor the environment names one. */
    static final Path LOCAL_CONFIG = Path.of("tollgate.yaml");

    private static final String FROM_CONFIG = "the configuration's services.clickhouse.";

    @Option(names = "--url", paramLabel = "JDBC-URL",
            description = "the ClickHouse server, without database (default: $TOLLGATE_CLICKHOUSE_URL, else "
                    + FROM_CONFIG + "url, else " + DEFAULT_URL + ")")
    private String url;

    @Option(names = "--database", paramLabel = "NAME",
            description = "the database (default: $TOLLGATE_CLICKHOUSE_DATABASE, else " + FROM_CONFIG + "database, else "
                    + DEFAULT_DATABASE + ")")
    private String database;

    @Option(names = "--user", paramLabel = "USER",
            description = "the user (default: $TOLLGATE_CLICKHOUSE_USER, else " + FROM_CONFIG + "user, else "
                    + DEFAULT_USER + "); the password is never an option: $TOLLGATE_CLICKHOUSE_PASSWORD, else "
                    + FROM_CONFIG + "password_file. The configuration is the command's --config where it has one,"
                    + " else $TOLLGATE_CONFIG, else ./tollgate.yaml if present")
    private String user;

    private Path commandConfig;
    private Target target;

    /** For a command with its own {@code --config}: that file, rather than $TOLLGATE_CONFIG or ./tollgate.yaml. */
    ClickHouseAddress configuredBy(Path configFile) {
        if (!Objects.equals(configFile, commandConfig)) {
            commandConfig = configFile;
            target = null;
        }
        return this;
    }

    /** The address in force, resolved once from the options, the process environment and the configuration. */
    Target target() throws BadInputException {
        if (target == null) {
            Map<String, String> env = System.getenv();
            target = resolve(configFile(commandConfig, env, LOCAL_CONFIG), env);
        }
        return target;
    }

    /** User and password; the password never from the command line. */
    Properties credentials() throws BadInputException {
        return target().credentials();
    }

    ClickHouseDatabase clickHouse() throws BadInputException {
        return target().clickHouse();
    }

    DeckStore deckStore() throws BadInputException {
        return new DeckStore(target().url(), target().database(), credentials());
    }

    /** A connection to the database, with RowBinary batch inserts (several times faster for large imports). */
    Connection connect() throws SQLException, BadInputException {
        return target().connect();
    }

    /**
     * The configuration file: {@code commandConfig} (the command's --config), else {@code $TOLLGATE_CONFIG}, else
     * {@code local} if it exists; null when there is none. A named file that is missing is refused when loaded.
     */
    static Path configFile(Path commandConfig, Map<String, String> env, Path local) {
        if (commandConfig != null) {
            return commandConfig;
        }
        String named = env.get(EnvironmentOverrides.CONFIG);
        if (named != null && !named.isBlank()) {
            return Path.of(named.strip());
        }
        return Files.isRegularFile(local) ? local : null;
    }

    /**
     * The options over {@code configFile}'s {@code services.clickhouse}, which {@code env} overrides as the
     * configuration always is ({@link TollgateConfig#load(Path, Map)}); without a file, over {@code env} and the
     * defaults. An invalid file is refused, naming file, line and field.
     */
    Target resolve(Path configFile, Map<String, String> env) throws BadInputException {
        Target base;
        if (configFile != null) {
            ServiceAddresses.ClickHouse configured = TollgateConfig.load(configFile, env).services().clickhouse();
            base = new Target(configured.url(), configured.database(), configured.user(),
                    configured.password().isSet() ? configured.password().reveal() : "");
        } else {
            base = new Target(variable(env, EnvironmentOverrides.CLICKHOUSE_URL, DEFAULT_URL),
                    variable(env, EnvironmentOverrides.CLICKHOUSE_DATABASE, DEFAULT_DATABASE),
                    variable(env, EnvironmentOverrides.CLICKHOUSE_USER, DEFAULT_USER),
                    password(env));
        }
        return new Target(url != null ? url : base.url(), database != null ? database : base.database(),
                user != null ? user : base.user(), base.password());
    }

    /** The password variable as it is (a password may begin or end with a space); blank counts as unset. */
    private static String password(Map<String, String> env) {
        String value = env.get(EnvironmentOverrides.CLICKHOUSE_PASSWORD);
        return value == null || value.isBlank() ? "" : value;
    }

    /** A variable's value; a blank one counts as unset, as in the configuration ({@link EnvironmentOverrides}). */
    private static String variable(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** Where ClickHouse is, resolved. Its toString leaves the password out. */
    record Target(String url, String database, String user, String password) {

        Properties credentials() {
            Properties props = new Properties();
            props.setProperty("user", user);
            props.setProperty("password", password);
            return props;
        }

        ClickHouseDatabase clickHouse() {
            return new ClickHouseDatabase(url, database, credentials());
        }

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

        @Override
        public String toString() {
            return url + "/" + database + " as " + user;
        }
    }
}
