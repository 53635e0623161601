package io.tollgate.ingest.clickhouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies the numbered ClickHouse migrations of {@code infra/clickhouse/migrations} ({@code NNN_name.sql}) in order,
 * each once, recording them in {@code schema_migrations}.
 *
 * <p>Migrations are additive: an applied file whose content changed is refused (write a new migration instead),
 * since the database already holds what the old text made.
 */
public final class SchemaMigrator {
    private static final Pattern FILE = Pattern.compile("(\\d{3,})_([A-Za-z0-9_]+)\\.sql");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A migration file. */
    public record Migration(int version, String name, String checksum, List<String> statements) {
    }

    private final String url;
    private final String database;
    private final Properties credentials;

    /**
     * @param url      JDBC URL of the server, without a database (e.g. {@code jdbc:clickhouse://127.0.0.1:8123})
     * @param database created if missing
     */
    public SchemaMigrator(String url, String database, Properties credentials) {
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("'" + database + "' is not a database name (letters, digits, _)");
        }
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.database = database;
        this.credentials = credentials;
    }

    /** Reads the migrations of {@code dir}, ordered by number; refuses misnamed files and duplicate numbers. */
    public static List<Migration> read(Path dir) throws IOException {
        Map<Integer, Migration> byVersion = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    throw new IOException(file + ": migration files are named NNN_name.sql");
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Migration migration = new Migration(Integer.parseInt(m.group(1)), m.group(2), sha256(text),
                        SqlScript.statements(text));
                Migration clash = byVersion.put(migration.version(), migration);
                if (clash != null) {
                    throw new IOException(dir + ": two migrations numbered " + migration.version());
                }
            }
        }
        return byVersion.values().stream().sorted((a, b) -> Integer.compare(a.version(), b.version())).toList();
    }

    /** Applies what is not applied yet; returns the migrations applied now. */
    public List<Migration> migrate(List<Migration> migrations) throws SQLException {
        try (Connection server = DriverManager.getConnection(url, credentials);
             Statement s = server.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + database + " ENGINE = Atomic");
        }
        try (Connection db = DriverManager.getConnection(url + "/" + database, credentials)) {
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, checksum String,"
                        + " applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY version");
            }
            Map<Integer, String> applied = applied(db);
            List<Migration> done = new ArrayList<>();
            for (Migration m : migrations) {
                String checksum = applied.get(m.version());
                if (checksum == null) {
                    apply(db, m);
                    done.add(m);
                } else if (!checksum.equals(m.checksum())) {
                    throw new SQLException("migration " + m.version() + "_" + m.name() + " was changed after it was "
                            + "applied; migrations are additive: put the change in a new numbered file");
                }
            }
            return done;
        }
    }

    /** Versions applied so far, with their checksums. */
    public Map<Integer, String> applied() throws SQLException {
        try (Connection db = DriverManager.getConnection(url + "/" + database, credentials)) {
            return applied(db);
        }
    }

    private static Map<Integer, String> applied(Connection db) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_migrations")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    private static void apply(Connection db, Migration m) throws SQLException {
        try (Statement s = db.createStatement()) {
            for (String statement : m.statements()) {
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    throw new SQLException("migration " + m.version() + "_" + m.name() + " failed: " + e.getMessage(), e);
                }
            }
        }
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)")) {
            insert.setInt(1, m.version());
            insert.setString(2, m.name());
            insert.setString(3, m.checksum());
            insert.executeUpdate();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
