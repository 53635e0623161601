package io.tollgate.ingest.clickhouse;

import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.instructions.Party;
import io.tollgate.ingest.clickhouse.RatedCdrTable.StoredRating;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Re-rating runs in ClickHouse (migration 014): the run itself ({@code rerate_runs}), its new ratings
 * ({@code rated_cdrs_shadow}), and its commit, which copies them into {@code rated_cdrs} and appends what they
 * superseded to {@code rating_history}, both set-based in the server ({@code INSERT ... SELECT}).
 */
public final class RerateStore {
    /** Rows handed from the reading thread to the writing one at a time; at most three batches are held. */
    static final int BATCH = 50_000;
    /**
     * Rows per block, and so per part, that the server makes of the shadow rows and of a commit's copy: its default
     * of a million rows of some 50 columns wants ~100 MB a block, too much beside a FINAL read on a server given
     * 1.5 GB (the local stack's).
     */
    private static final int BLOCK_ROWS = 100_000;
    private static final String BLOCKS = " SETTINGS min_insert_block_size_rows = " + BLOCK_ROWS
            + ", min_insert_block_size_bytes = 0, max_block_size = " + BLOCK_ROWS;
    private static final List<String> SHADOW_COLUMNS = List.of((RatedCdrTable.COLUMNS + ", rerate_id,"
            + " superseded_version, superseded_by, superseded_at, old_customer_deck_id, old_customer_deck_version,"
            + " old_customer_amount, old_vendor_deck_id, old_vendor_deck_version, old_vendor_amount, old_margin,"
            + " old_rating_reason").split(", "));
    private static final String HISTORY_COLUMNS = "call_id, rating_version, rerate_id, party_kind, party_id,"
            + " superseded_version, superseded_by, superseded_at, old_customer_deck_id, old_customer_deck_version,"
            + " old_customer_amount, old_vendor_deck_id, old_vendor_deck_version, old_vendor_amount, old_margin,"
            + " old_rating_reason, customer_deck_id, customer_deck_version, customer_amount, vendor_deck_id,"
            + " vendor_deck_version, vendor_amount, margin, rating_reason, rated_at, committed_at, committed_by";
    /** In the table's order: the driver's RowBinary insert writes the values by position, whatever the list says. */
    private static final String INSERT_RUN = "INSERT INTO rerate_runs (rerate_id, party_kind, party_id, period_from,"
            + " period_to, deck_id, deck_version, deck_file, deck_sha256, currency, rating_version, calls, changed,"
            + " started_at, started_by, committed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)";

    /**
     * One re-rating run: which side of whose calls, which period, which deck.
     *
     * @param ratingVersion the version a commit writes the new ratings at, above every one they supersede
     * @param deckSha256 SHA-256 of the deck file, hex
     */
    public record Run(UUID id, Party party, String partyId, Instant from, Instant to, String deckId, int deckVersion,
                      String deckFile, String deckSha256, Currency currency, long ratingVersion, String by,
                      Instant startedAt) {
        /** The {@code rated_by} of its ratings: {@code rerate:<id>}. */
        public String ratedBy() {
            return "rerate:" + id;
        }
    }

    private final ClickHouseDatabase database;

    public RerateStore(ClickHouseDatabase database) {
        this.database = database;
    }

    /**
     * The version re-ratings number a deck file by, under {@code deckId}: the one an earlier run gave the same file
     * (same SHA-256), else 1 + the highest one given so far (1 for the first).
     */
    public int deckVersion(String deckId, String sha256) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement q = c.prepareStatement("SELECT"
                + " if(countIf(deck_sha256 = ?) > 0, minIf(deck_version, deck_sha256 = ?), max(deck_version) + 1)"
                + " FROM rerate_runs WHERE deck_id = ?")) {
            q.setString(1, sha256);
            q.setString(2, sha256);
            q.setString(3, deckId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Records the run (again, with its counts and commit time once known: the latest record wins). */
    public void record(Run run, long calls, long changed, Instant committedAt) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(INSERT_RUN)) {
            int i = 0;
            s.setObject(++i, run.id());
            s.setString(++i, run.party().word());
            s.setString(++i, run.partyId());
            s.setObject(++i, utc(run.from()));
            s.setObject(++i, utc(run.to()));
            s.setString(++i, run.deckId());
            s.setInt(++i, run.deckVersion());
            s.setString(++i, run.deckFile());
            s.setString(++i, run.deckSha256());
            s.setString(++i, run.currency().getCurrencyCode());
            s.setLong(++i, run.ratingVersion());
            s.setLong(++i, calls);
            s.setLong(++i, changed);
            s.setObject(++i, utc(run.startedAt()));
            s.setString(++i, run.by());
            s.setObject(++i, committedAt == null ? null : utc(committedAt));
            s.setObject(++i, utc(Instant.now()));
            s.executeUpdate();
        }
    }

    /**
     * A writer of the run's new ratings into the shadow table: one insert, streamed in RowBinary by a thread of its
     * own while the caller reads and re-prices, rows handed over in batches of {@link #BATCH}. The server makes a part
     * of every {@link #BLOCK_ROWS} rows as they arrive.
     */
    public ShadowWriter shadow(Run run) {
        return new ShadowWriter(run);
    }

    /**
     * Commits the run: its shadow rows go into {@code rated_cdrs} at the run's rating version (winning over the
     * ratings they supersede under FINAL), and one history row per call records the superseded rating. Refused when
     * a call already holds a version at or above the run's.
     *
     * @return the calls committed
     */
    public long commit(Run run, Instant committedAt, String committedBy) throws SQLException {
        String where = " FROM rated_cdrs_shadow WHERE rerate_id = ?";
        try (Connection c = database.connect()) {
            long rows;
            long highest;
            try (PreparedStatement q = c.prepareStatement("SELECT count(), max(superseded_version)" + where)) {
                q.setObject(1, run.id());
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                    highest = rs.getLong(2);
                }
            }
            if (rows == 0) {
                return 0;
            }
            if (highest >= run.ratingVersion()) {
                throw new SQLException("run " + run.id() + " rates at version " + run.ratingVersion() + ", but a call"
                        + " it re-rated already holds version " + highest + "; nothing committed (is this machine's"
                        + " clock behind the one that made that version?)");
            }
            try (PreparedStatement copy = c.prepareStatement("INSERT INTO rated_cdrs (" + RatedCdrTable.COLUMNS
                    + ") SELECT " + RatedCdrTable.COLUMNS + where + BLOCKS)) {
                copy.setObject(1, run.id());
                copy.executeUpdate();
            }
            try (PreparedStatement history = c.prepareStatement("INSERT INTO rating_history (" + HISTORY_COLUMNS
                    + ") SELECT " + HISTORY_COLUMNS.replace("party_kind, party_id", "?, ?")
                    .replace("committed_at, committed_by", "?, ?") + where + BLOCKS)) {
                history.setString(1, run.party().word());
                history.setString(2, run.partyId());
                history.setObject(3, utc(committedAt));
                history.setString(4, committedBy);
                history.setObject(5, run.id());
                history.executeUpdate();
            }
            return rows;
        }
    }

    /** Writes a run's new ratings to {@code rated_cdrs_shadow}, beside the stored ratings they would supersede. */
    public final class ShadowWriter implements AutoCloseable {
        private static final List<Rerated> END = new ArrayList<>(0);

        private record Rerated(StoredRating before, RatedCdr after) {
        }

        private final Run run;
        private final BlockingQueue<List<Rerated>> batches = new ArrayBlockingQueue<>(2);
        private final Thread writer;
        private volatile Exception failure;
        private List<Rerated> batch = new ArrayList<>(BATCH);

        private ShadowWriter(Run run) {
            this.run = run;
            this.writer = new Thread(this::writeBatches, "rerate-shadow-writer");
            writer.setDaemon(true);
            writer.start();
        }

        /** Adds one call's new rating; blocks while two batches wait to be stored. */
        public void add(StoredRating before, RatedCdr after) throws SQLException, InterruptedException {
            batch.add(new Rerated(before, after));
            if (batch.size() >= BATCH) {
                hand(batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        /** Stores what is left and waits for it: once this returns, every row is in the shadow table. */
        @Override
        public void close() throws SQLException, InterruptedException {
            try {
                if (!batch.isEmpty()) {
                    hand(batch);
                }
                hand(END);
                writer.join();
            } finally {
                writer.interrupt();
            }
            throwFailure();
        }

        private void hand(List<Rerated> rows) throws SQLException, InterruptedException {
            while (!batches.offer(rows, 200, TimeUnit.MILLISECONDS)) {
                throwFailure();
            }
        }

        private void throwFailure() throws SQLException {
            if (failure != null) {
                throw failure instanceof SQLException sql ? sql : new SQLException("writing run " + run.id()
                        + " to rated_cdrs_shadow failed: " + failure, failure);
            }
        }

        private void writeBatches() {
            try (Connection c = database.connect()) {
                RowBinary.client(c).insert("rated_cdrs_shadow", SHADOW_COLUMNS, new DataStreamWriter() {
                    @Override
                    public void onOutput(OutputStream out) throws IOException {
                        writeRows(out);
                    }

                    @Override
                    public void onRetry() throws IOException {
                        // the rows sent are gone from the queue: a resent insert would leave a gap
                        throw new IOException("the insert of run " + run.id() + " into rated_cdrs_shadow failed and"
                                + " cannot be resent; rerun the re-rating");
                    }
                }, ClickHouseFormat.RowBinary, new InsertSettings().setDatabase(database.database())
                        .serverSetting("max_insert_block_size", Integer.toString(BLOCK_ROWS))).get();
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof Exception cause ? cause : e;
            } catch (Exception e) {
                failure = e;
            }
            batches.clear();
        }

        private void writeRows(OutputStream stream) throws IOException {
            RowBinary.Out out = new RowBinary.Out(stream);
            try {
                for (List<Rerated> rows = batches.take(); rows != END; rows = batches.take()) {
                    for (Rerated r : rows) {
                        write(out, r);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("writing run " + run.id() + " was interrupted");
            }
            out.flush();
        }

        /** The new rating in the columns of rated_cdrs, then the run and what the row supersedes. */
        private void write(RowBinary.Out out, Rerated r) throws IOException {
            RatedCdrTable.write(out, r.after(), run.ratingVersion(), run.ratedBy(), run.startedAt());
            StoredRating before = r.before();
            RatedCdr old = before.rated();
            out.uuid(run.id());
            out.int64(before.version());
            out.string(before.ratedBy());
            out.int64(before.ratedAt().toEpochMilli());
            writeOldLeg(out, old.customerLeg());
            writeOldLeg(out, old.vendorLeg());
            out.decimal64(old.margin() == null ? BigDecimal.ZERO : old.margin(), 6);
            out.string(old.unratedReason() == null ? "" : old.unratedReason());
        }

        private static void writeOldLeg(RowBinary.Out out, RatedLeg leg) throws IOException {
            out.string(leg == null ? "" : leg.deckId());
            out.uint32(leg == null ? 0 : leg.deckVersion());
            out.decimal64(leg == null ? BigDecimal.ZERO : leg.amount(), 6);
        }
    }

    private static ZonedDateTime utc(Instant t) {
        return t.atZone(ZoneOffset.UTC);
    }
}
