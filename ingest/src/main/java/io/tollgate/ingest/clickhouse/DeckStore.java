package io.tollgate.ingest.clickhouse;

import io.tollgate.core.rating.DeckOwner;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.Increments;
import io.tollgate.core.rating.RateRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Rate deck versions in ClickHouse: rows in {@code rate_deck_rows}, one marker per complete version in
 * {@code rate_deck_versions} (migrations 003 and 009). SQL is parameterized; rows go in batches.
 */
public final class DeckStore {
    /** Rows per insert: large enough for ClickHouse (few parts), small enough to show progress. */
    private static final int BATCH = 50_000;
    /** Connections inserting at once. */
    private static final int WRITERS = 2;
    private static final int MAX_CLAIMS = 100;
    private static final String INSERT_ROW = "INSERT INTO rate_deck_rows (deck_id, owner_kind, owner_id, deck_version,"
            + " currency, prefix, destination, rate, connect_fee, initial_increment_s, subsequent_increment_s,"
            + " min_duration_s, effective_from, effective_to, decimals, rounding, source_file, source_line, imported_at,"
            + " imported_by, source_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** "always" in a non-nullable effective_from. */
    private static final Instant ALWAYS = Instant.EPOCH;

    private static final String VERSION_COLUMNS = "deck_version, source_file, source_digest, row_count, "
            + "quarantined_rows, imported_by, toUnixTimestamp64Milli(imported_at), toUnixTimestamp64Milli(active_from), "
            + "toUnixTimestamp64Milli(published_at)";

    private final String url;
    private final Properties properties;

    /** @param url JDBC URL of the server, without database */
    public DeckStore(String url, String database, Properties credentials) {
        this.url = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/" + database;
        this.properties = new Properties();
        properties.putAll(credentials);
        // RowBinary for plain INSERT ... VALUES (?, ...): about 3x the rows per second (shared/notes/clickhouse.md)
        properties.setProperty("beta.row_binary_for_simple_insert", "true");
    }

    /** The complete version of {@code owner} imported from a file with this digest, if any. */
    public Optional<StoredVersion> findByDigest(DeckOwner owner, String digest) throws SQLException {
        return first(query(owner, " AND source_digest = ?", digest));
    }

    public Optional<StoredVersion> version(DeckOwner owner, int version) throws SQLException {
        return first(query(owner, " AND deck_version = ?", version));
    }

    /** Every complete version of {@code owner}, oldest first. */
    public List<StoredVersion> versions(DeckOwner owner) throws SQLException {
        return query(owner, "", null);
    }

    /**
     * Claims the number the next import of {@code owner} takes: above every version seen, complete or not (rows of
     * an import that died half-way keep theirs), and never the number of a concurrent import. ClickHouse has no
     * transaction to make "read the maximum, use the next" atomic, so the number is claimed (migration 012) and
     * the claims read back: the earliest claim of a number wins, and a loser tries the next number.
     */
    public int nextVersion(DeckOwner owner) throws SQLException {
        String claimId = UUID.randomUUID().toString();
        try (Connection c = connect()) {
            int wanted = highestSeen(c, owner) + 1;
            for (int attempt = 0; attempt < MAX_CLAIMS; attempt++, wanted++) {
                if (claim(c, owner, wanted, claimId)) {
                    return wanted;
                }
            }
        }
        throw new SQLException("could not claim a version number for " + owner + " after " + MAX_CLAIMS
                + " tries: are many imports for it running at once?");
    }

    private static int highestSeen(Connection c, DeckOwner owner) throws SQLException {
        String sql = "SELECT greatest((SELECT max(deck_version) FROM rate_deck_versions WHERE deck_id = ?),"
                + " (SELECT max(deck_version) FROM rate_deck_rows WHERE deck_id = ?),"
                + " (SELECT max(deck_version) FROM rate_deck_version_claims WHERE deck_id = ?))";
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, owner.deckId());
            q.setString(2, owner.deckId());
            q.setString(3, owner.deckId());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Whether {@code claimId} is the first claim of {@code version}, and still is a moment later. */
    private static boolean claim(Connection c, DeckOwner owner, int version, String claimId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO rate_deck_version_claims (deck_id, deck_version, claim_id) VALUES (?, ?, ?)")) {
            insert.setString(1, owner.deckId());
            insert.setInt(2, version);
            insert.setString(3, claimId);
            insert.executeUpdate();
        }
        if (!firstClaim(c, owner, version, claimId)) {
            return false;
        }
        NumberClaims.settle();
        return firstClaim(c, owner, version, claimId);
    }

    private static boolean firstClaim(Connection c, DeckOwner owner, int version, String claimId)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT claim_id FROM rate_deck_version_claims"
                + " WHERE deck_id = ? AND deck_version = ? ORDER BY claimed_at, claim_id LIMIT 1")) {
            q.setString(1, owner.deckId());
            q.setInt(2, version);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getString(1).equals(claimId);
            }
        }
    }

    /**
     * Stores the rows of a new version, then its marker; only then does the version exist for readers. Batches go
     * in over {@link #WRITERS} connections at once: serializing RowBinary on the client is the slow part of a large
     * insert, and it takes one core per connection.
     *
     * @param stored rows already stored, after each batch (for a progress line)
     */
    public void store(StoredVersion version, List<RateRow> rows, Rounding rounding, LongConsumer stored)
            throws SQLException {
        int batches = (rows.size() + BATCH - 1) / BATCH;
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(Math.max(1, Math.min(WRITERS, batches)));
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int w = 0; w < Math.min(WRITERS, batches); w++) {
                running.add(writers.submit(() -> {
                    try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(INSERT_ROW)) {
                        RowWriter writer = new RowWriter(insert, version, rounding);
                        for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                            List<RateRow> batch = rows.subList(b * BATCH, Math.min(rows.size(), (b + 1) * BATCH));
                            for (RateRow row : batch) {
                                writer.add(row);
                            }
                            insert.executeBatch();
                            stored.accept(done.addAndGet(batch.size()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException("storing " + version.owner() + " version " + version.version() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while storing " + version.owner() + " version " + version.version(), e);
        } finally {
            writers.shutdownNow();
        }
        mark(version);
    }

    /** Binds one deck row to the row insert; the values every row shares are made once. */
    private static final class RowWriter {
        private final PreparedStatement insert;
        private final StoredVersion version;
        private final String deckId;
        private final String ownerKind;
        private final String mode;
        private final int decimals;
        private final ZonedDateTime importedAt;
        // a deck has a handful of distinct dates over a million rows: convert each once
        private final Map<Instant, ZonedDateTime> times = new HashMap<>();

        RowWriter(PreparedStatement insert, StoredVersion version, Rounding rounding) {
            this.insert = insert;
            this.version = version;
            this.deckId = version.owner().deckId();
            this.ownerKind = version.owner().party().word();
            this.mode = rounding.mode().name();
            this.decimals = rounding.decimals();
            this.importedAt = utc(version.importedAt());
        }

        void add(RateRow row) throws SQLException {
            insert.setString(1, deckId);
            insert.setString(2, ownerKind);
            insert.setString(3, version.owner().id());
            insert.setInt(4, version.version());
            insert.setString(5, ""); // currency: the deck file does not say; tollgate.yaml does
            insert.setString(6, row.prefix());
            insert.setString(7, row.destination());
            insert.setBigDecimal(8, row.rate());
            insert.setBigDecimal(9, row.connectFee());
            insert.setInt(10, row.increments().initial());
            insert.setInt(11, row.increments().subsequent());
            insert.setInt(12, row.minDuration());
            insert.setObject(13, time(row.effectiveFrom() == null ? ALWAYS : row.effectiveFrom()));
            insert.setObject(14, row.effectiveTo() == null ? null : time(row.effectiveTo()));
            insert.setInt(15, decimals);
            insert.setString(16, mode);
            insert.setString(17, version.sourceFile());
            insert.setInt(18, 0); // source_line: RateRow does not keep it
            insert.setObject(19, importedAt);
            insert.setString(20, version.importedBy());
            insert.setString(21, version.digest());
            insert.addBatch();
        }

        private ZonedDateTime time(Instant t) {
            return times.computeIfAbsent(t, DeckStore::utc);
        }
    }

    /** Records that the version's activation was published (a newer marker row; readers use FINAL). */
    public StoredVersion markPublished(StoredVersion version, Instant at) throws SQLException {
        StoredVersion published = version.publishedAt(at);
        mark(published);
        return published;
    }

    /** The rows of one version, in prefix order. */
    public List<RateRow> rows(DeckOwner owner, int version) throws SQLException {
        String sql = "SELECT prefix, destination, toString(rate), toString(connect_fee), initial_increment_s,"
                + " subsequent_increment_s, min_duration_s, toUnixTimestamp64Milli(effective_from),"
                + " toUnixTimestamp64Milli(effective_to) FROM rate_deck_rows"
                + " WHERE deck_id = ? AND deck_version = ? ORDER BY prefix, effective_from";
        List<RateRow> rows = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, owner.deckId());
            q.setInt(2, version);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long from = rs.getLong(8);
                    long to = rs.getLong(9);
                    boolean open = rs.wasNull();
                    rows.add(new RateRow(rs.getString(1), rs.getString(2), new java.math.BigDecimal(rs.getString(3)),
                            new java.math.BigDecimal(rs.getString(4)), new Increments(rs.getInt(5), rs.getInt(6)),
                            rs.getInt(7), from == 0 ? null : Instant.ofEpochMilli(from),
                            open ? null : Instant.ofEpochMilli(to)));
                }
            }
        }
        return rows;
    }

    private void mark(StoredVersion v) throws SQLException {
        String sql = "INSERT INTO rate_deck_versions (deck_id, owner_kind, owner_id, deck_version, source_file,"
                + " source_digest, row_count, quarantined_rows, imported_by, imported_at, active_from, published_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setString(1, v.owner().deckId());
            insert.setString(2, v.owner().party().word());
            insert.setString(3, v.owner().id());
            insert.setInt(4, v.version());
            insert.setString(5, v.sourceFile());
            insert.setString(6, v.digest());
            insert.setInt(7, v.rows());
            insert.setInt(8, v.quarantined());
            insert.setString(9, v.importedBy());
            insert.setObject(10, utc(v.importedAt()));
            insert.setObject(11, utc(v.activeFrom()));
            insert.setObject(12, v.publishedAt() == null ? null : utc(v.publishedAt()));
            // the published marker must replace the stored one even within the same millisecond
            insert.setObject(13, utc(v.publishedAt() == null ? v.importedAt() : v.publishedAt().plusMillis(1)));
            insert.executeUpdate();
        }
    }

    private List<StoredVersion> query(DeckOwner owner, String condition, Object value) throws SQLException {
        String sql = "SELECT " + VERSION_COLUMNS + " FROM rate_deck_versions FINAL WHERE deck_id = ?" + condition
                + " ORDER BY deck_version";
        List<StoredVersion> versions = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, owner.deckId());
            if (value != null) {
                q.setObject(2, value);
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long published = rs.getLong(9);
                    boolean unpublished = rs.wasNull();
                    versions.add(new StoredVersion(owner, rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getInt(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                            Instant.ofEpochMilli(rs.getLong(8)), unpublished ? null : Instant.ofEpochMilli(published)));
                }
            }
        }
        return versions;
    }

    private static Optional<StoredVersion> first(List<StoredVersion> versions) {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(0));
    }

    private Connection connect() throws SQLException {
        return ClickHouseDatabase.open(url, properties);
    }

    private static ZonedDateTime utc(Instant t) {
        return t.atZone(ZoneOffset.UTC);
    }

}
