package io.tollgate.reports.recon;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.jdbc.ConnectionImpl;
import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.numbers.InvalidNumberException;
import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.RowBinary;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Reconciliation against the CDR store: reads our calls carried by a vendor from {@code rated_cdrs} and the
 * carrier's CDRs from {@code carrier_cdrs} (both under FINAL), and stores a run's lines in {@code recon_results}
 * under a new recon id, with the run itself in {@code recon_runs} (migrations 004, 007, 011, 013, 017).
 *
 * <p>What a carrier bills, and so what our side is: calls the vendor carried ({@code vendor_id}, the vendor of the
 * answered attempt) and that were answered; start = answer time (carriers bill from connect), duration = answer to
 * end ({@code duration_ms}), cost = {@code vendor_amount}, what the vendor's deck says the call costs us (increments,
 * minimum and connect fee applied). A call whose vendor leg could not be rated counts with its stored amount (0), so
 * their charge for it shows as a cost mismatch rather than as a call we do not have. Unanswered calls are left out:
 * a carrier row for one is {@code missing_ours}, which is what to dispute.
 *
 * <p>Rows are read and written in RowBinary, streamed: a million a side is one request each way. Every value goes
 * in as a query parameter ({@code {name:Type}}), never into the SQL text.
 */
public final class ReconcileStore {
    /** How long before its answer a call can have been set up, to bound the scan of rated_cdrs by setup_time. */
    static final Duration LONGEST_RINGING = Duration.ofDays(1);
    /** DateTime64's range, to which the margins are clamped. */
    private static final long FIRST_MILLI = -2_208_988_800_000L;      // 1900-01-01
    private static final long LAST_MILLI = 10_413_792_000_000L;       // 2300-01-01

    private static final String OURS = "SELECT call_id, a_number, b_number,"
            + " ifNull(toUnixTimestamp64Milli(answer_time), -1), duration_ms, vendor_amount, vendor_currency"
            + " FROM rated_cdrs FINAL"
            + " WHERE vendor_id = {vendor:String} AND answer_time IS NOT NULL"
            + " AND answer_time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')"
            + " AND answer_time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')"
            + " AND setup_time >= fromUnixTimestamp64Milli({setupFrom:Int64}, 'UTC')"
            + " AND setup_time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')"
            + " ORDER BY answer_time, call_id";
    private static final List<String> OUR_TYPES = List.of("String", "String", "String", "Int64", "UInt64",
            "Decimal(18, 6)", "LowCardinality(String)");

    private static final String THEIRS = "SELECT file_name, file_row, call_id, a_number, b_number,"
            + " toUnixTimestamp64Milli(start_time), duration_s, cost, currency"
            + " FROM carrier_cdrs FINAL"
            + " WHERE carrier_id = {vendor:String}"
            + " AND start_time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')"
            + " AND start_time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')"
            + " AND ({file:String} = '' OR file_name = {file:String})"
            + " AND import_id IN (SELECT import_id FROM cdr_imports FINAL"
            + "   WHERE carrier_id = {vendor:String} AND status = 'complete')"
            + " ORDER BY file_name, file_row";
    private static final List<String> THEIR_TYPES = List.of("String", "UInt32", "String", "String", "String",
            "Int64", "Decimal(12, 3)", "Decimal(18, 6)", "LowCardinality(String)");

    private static final List<String> RESULT_COLUMNS = List.of("recon_id", "carrier_id", "class", "our_call_id",
            "their_row", "their_file", "b_number", "our_start", "their_start", "our_duration_s", "their_duration_s",
            "our_cost", "their_cost", "impact");
    private static final List<String> RUN_COLUMNS = List.of("recon_id", "carrier_id", "period_from", "period_to",
            "file_name", "time_tolerance_s", "duration_tolerance_s", "cost_tolerance", "currency", "lines", "status",
            "started_at");

    private final ClickHouseDatabase database;

    public ReconcileStore(ClickHouseDatabase database) {
        this.database = database;
    }

    /**
     * Our CDRs answered in the scope's period widened by {@code time} on both sides, and the carrier's CDRs that
     * start in it widened by twice {@code time} (see {@link StoredCdrs#reconcile} for why), of complete imports only.
     *
     * @throws BadInputException when the amounts are in more than one currency (they cannot be compared)
     */
    public StoredCdrs read(ReconScope scope, Duration time) throws SQLException, BadInputException {
        Instant ourFrom = minus(scope.from(), time);
        Instant ourTo = plus(scope.to(), time);
        Instant theirFrom = minus(ourFrom, time);
        Instant theirTo = plus(ourTo, time);
        Map<String, String> currencies = new HashMap<>();
        List<CarrierRecord> ours = readOurs(scope.vendor(), ourFrom, ourTo, currencies);
        TheirRows theirs = readTheirs(scope, theirFrom, theirTo, currencies);
        return new StoredCdrs(scope, ours, theirs.records, theirs.files(), theirs.fileRows(),
                currency(scope.vendor(), currencies));
    }

    private List<CarrierRecord> readOurs(String vendor, Instant from, Instant to, Map<String, String> currencies)
            throws SQLException {
        Map<String, Object> params = Map.of("vendor", vendor, "from", ceilMilli(from), "to", ceilMilli(to),
                "setupFrom", ceilMilli(minus(from, LONGEST_RINGING)));
        NumberNormalizer numbers = NumberNormalizer.plain();
        List<CarrierRecord> ours = new ArrayList<>();
        query(OURS, params, OUR_TYPES, in -> {
            String callId = in.string();
            String aNumber = aNumber(numbers, in.string());
            String bNumber = bNumber(numbers, in.string());
            Instant start = Instant.ofEpochMilli(in.int64());
            BigDecimal duration = BigDecimal.valueOf(in.int64(), 3);
            BigDecimal cost = BigDecimal.valueOf(in.int64(), 6);
            String currency = in.string();
            if (!currency.isEmpty()) {
                currencies.putIfAbsent(currency, "our rated calls");
            }
            ours.add(new CarrierRecord(ours.size() + 1, callId, aNumber, bNumber, start, duration, cost));
        });
        return ours;
    }

    private TheirRows readTheirs(ReconScope scope, Instant from, Instant to, Map<String, String> currencies)
            throws SQLException {
        Map<String, Object> params = Map.of("vendor", scope.vendor(), "from", ceilMilli(from), "to", ceilMilli(to),
                "file", scope.file() == null ? "" : scope.file());
        TheirRows theirs = new TheirRows();
        Map<String, String> files = new HashMap<>();
        query(THEIRS, params, THEIR_TYPES, in -> {
            String file = in.string();
            file = files.computeIfAbsent(file, f -> f);
            long fileRow = in.uint32();
            String callId = in.string();
            String aNumber = in.string();
            String bNumber = in.string();
            Instant start = Instant.ofEpochMilli(in.int64());
            BigDecimal duration = BigDecimal.valueOf(in.int64(), 3);
            BigDecimal cost = BigDecimal.valueOf(in.int64(), 6);
            String currency = in.string();
            if (!currency.isEmpty()) {
                currencies.putIfAbsent(currency, "the carrier's CDRs");
            }
            theirs.add(new CarrierRecord(theirs.records.size() + 1, callId, aNumber, bNumber, start, duration, cost),
                    file, fileRow);
        });
        return theirs;
    }

    /** The one currency both sides' amounts are in ("" when none says); refused when there are several. */
    private static String currency(String vendor, Map<String, String> currencies) throws BadInputException {
        if (currencies.size() > 1) {
            List<String> seen = new TreeSet<>(currencies.keySet()).stream()
                    .map(c -> c + " (" + currencies.get(c) + ")").toList();
            throw new BadInputException(new InputProblem("vendor " + vendor, 0, "currency",
                    "amounts are in " + String.join(", ", seen) + "; costs in different currencies cannot be"
                            + " compared (first seen for each currency in parentheses)"));
        }
        return currencies.isEmpty() ? "" : currencies.keySet().iterator().next();
    }

    /**
     * Stores every line of {@code reconciliation} in {@code recon_results} under a new recon id, streamed in one
     * insert, between a {@code started} and a {@code complete} row of the run in {@code recon_runs}: a run whose
     * last status is {@code started} was interrupted and its lines are not whole. Everything goes as RowBinary,
     * times as UTC milliseconds, whatever the JVM's time zone.
     *
     * @return the recon id
     */
    public String save(StoredCdrs cdrs, Tolerances tolerances, Reconciliation reconciliation) throws SQLException {
        String reconId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        ReconScope scope = cdrs.scope();
        try (Connection c = database.connect()) {
            Client client = client(c);
            run(client, reconId, scope, tolerances, cdrs.currency(), 0, "started", started);
            client.insert("recon_results", RESULT_COLUMNS, stream -> {
                RowBinary.Out out = new RowBinary.Out(stream);
                for (ReconLine line : reconciliation.lines()) {
                    write(out, reconId, scope.vendor(), line, cdrs);
                }
                out.flush();
            }, ClickHouseFormat.RowBinary, new InsertSettings().setDatabase(database.database())).get();
            run(client, reconId, scope, tolerances, cdrs.currency(), reconciliation.totalCount(), "complete", started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("storing reconciliation " + reconId + " was interrupted", e);
        } catch (ExecutionException | SQLException e) {
            throw failed("storing the lines of reconciliation " + reconId, e);
        }
        return reconId;
    }

    /** What failed, why at the root, and what to check. */
    private SQLException failed(String doing, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
        return new SQLException(doing + " in ClickHouse " + database + " failed: " + why + "; is it running and"
                + " migrated? (locally: infra/stack up clickhouse; tollgate db migrate)", e);
    }

    private static void write(RowBinary.Out out, String reconId, String vendor, ReconLine line, CarrierRows rows)
            throws IOException {
        CarrierRecord our = line.ours();
        CarrierRecord their = line.theirs();
        out.string(reconId);
        out.string(vendor);
        out.string(line.reconClass().code());
        out.string(our == null ? "" : our.callId());
        out.uint32(their == null ? 0 : rows.fileRow(their));
        out.string(their == null ? "" : rows.file(their));
        out.string(line.bNumber());
        nullableMillis(out, our);
        nullableMillis(out, their);
        nullableDecimal(out, our == null ? null : our.duration(), 3);
        nullableDecimal(out, their == null ? null : their.duration(), 3);
        nullableDecimal(out, our == null ? null : our.cost(), 6);
        nullableDecimal(out, their == null ? null : their.cost(), 6);
        out.decimal64(line.impact(), 6);
    }

    private static void nullableMillis(RowBinary.Out out, CarrierRecord cdr) throws IOException {
        out.isNull(cdr == null);
        if (cdr != null) {
            out.int64(cdr.start().toEpochMilli());
        }
    }

    private static void nullableDecimal(RowBinary.Out out, BigDecimal value, int scale) throws IOException {
        out.isNull(value == null);
        if (value != null) {
            out.decimal64(value, scale);
        }
    }

    private void run(Client client, String reconId, ReconScope scope, Tolerances tolerances, String currency,
                     long lines, String status, Instant started) throws ExecutionException, InterruptedException {
        client.insert("recon_runs", RUN_COLUMNS, stream -> {
            RowBinary.Out out = new RowBinary.Out(stream);
            out.string(reconId);
            out.string(scope.vendor());
            out.int64(scope.from().toEpochMilli());
            out.int64(scope.to().toEpochMilli());
            out.string(scope.file() == null ? "" : scope.file());
            out.string(seconds(tolerances.time()).toPlainString());
            out.string(tolerances.duration().toPlainString());
            out.string(tolerances.cost().toPlainString());
            out.string(currency);
            out.int64(lines);
            out.string(status);
            out.int64(started.toEpochMilli());
            out.flush();
        }, ClickHouseFormat.RowBinary, new InsertSettings().setDatabase(database.database())).get();
    }

    /** A time tolerance as seconds, plain. */
    static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9)).stripTrailingZeros();
    }

    /** Reads one row of a RowBinary result. */
    @FunctionalInterface
    private interface RowReader {
        void read(RowBinary.In in) throws IOException;
    }

    private void query(String sql, Map<String, Object> params, List<String> types, RowReader each)
            throws SQLException {
        try (Connection c = database.connect();
             QueryResponse response = client(c).query(sql, params, new QuerySettings()
                     .setDatabase(database.database()).setFormat(ClickHouseFormat.RowBinaryWithNamesAndTypes)).get();
             RowBinary.In in = new RowBinary.In(response.getInputStream())) {
            in.expectTypes(types);
            while (in.more()) {
                each.read(in);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("reading CDRs was interrupted", e);
        } catch (Exception e) {
            // the query failing, the reader's IOException, or the response failing to close
            throw failed("reading CDRs", e);
        }
    }

    private static Client client(Connection c) throws SQLException {
        return c.unwrap(ConnectionImpl.class).getClient();
    }

    /** A stored A-number normalised; empty when absent, withheld or not a number (then any of theirs may match). */
    private static String aNumber(NumberNormalizer numbers, String text) {
        String common = CommonForms.e164(text);
        if (common != null) {
            return common;
        }
        try {
            return text.isBlank() ? "" : numbers.normalize(text);
        } catch (InvalidNumberException e) {
            return "";
        }
    }

    /** A stored B-number normalised (rated_cdrs keeps it so already); as stored when it does not normalise. */
    private static String bNumber(NumberNormalizer numbers, String text) {
        String common = CommonForms.e164(text);
        if (common != null) {
            return common;
        }
        try {
            return numbers.normalize(text);
        } catch (InvalidNumberException e) {
            return text;
        }
    }

    /** The first millisecond at or after {@code t}, within DateTime64's range. */
    static long ceilMilli(Instant t) {
        long millis;
        try {
            millis = t.toEpochMilli();
            if (t.getNano() % 1_000_000 != 0 && millis < Long.MAX_VALUE) {
                millis++;
            }
        } catch (ArithmeticException e) {
            millis = t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return Math.max(FIRST_MILLI, Math.min(LAST_MILLI, millis));
    }

    private static Instant minus(Instant t, Duration d) {
        try {
            return t.minus(d);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MIN;
        }
    }

    private static Instant plus(Instant t, Duration d) {
        try {
            return t.plus(d);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }

    /** Their CDRs with the file and file row of each, in parallel arrays. */
    private static final class TheirRows {
        final List<CarrierRecord> records = new ArrayList<>();
        private String[] files = new String[1024];
        private long[] fileRows = new long[1024];

        void add(CarrierRecord record, String file, long fileRow) {
            int i = records.size();
            if (i == files.length) {
                files = Arrays.copyOf(files, i * 2);
                fileRows = Arrays.copyOf(fileRows, i * 2);
            }
            records.add(record);
            files[i] = file;
            fileRows[i] = fileRow;
        }

        String[] files() {
            return Arrays.copyOf(files, records.size());
        }

        long[] fileRows() {
            return Arrays.copyOf(fileRows, records.size());
        }
    }
}
