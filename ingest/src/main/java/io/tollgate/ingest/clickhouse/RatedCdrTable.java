package io.tollgate.ingest.clickhouse;

import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrFlag;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.instructions.Party;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The {@code rated_cdrs} table: one row per call id, the highest {@code rating_version} winning
 * (ReplacingMergeTree). Writing the same call again with the same version leaves one row after merges and under
 * FINAL, which is what makes a replayed or retried write harmless: readers use FINAL.
 */
public final class RatedCdrTable {
    /** The version the streaming rating writes; a re-rating writes a higher one. */
    public static final long STREAM_VERSION = 0;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader ATTEMPTS = JSON.readerForListOf(CallAttempt.class);
    private static final ObjectWriter ATTEMPT_WRITER = JSON.writerFor(new TypeReference<List<CallAttempt>>() { });
    /**
     * The columns {@link #insert} writes, in the order {@link #write} writes them (the table's order, since RowBinary
     * is read by position); the re-rating shadow has them too.
     */
    static final String COLUMNS = "call_id, rating_version, customer_id, a_number, b_number, setup_time, answer_time,"
            + " end_time, duration_ms, disposition, cause, attempts, attempt_list, vendor_id, pdd_ms, currency,"
            + " customer_deck_id, customer_deck_version, customer_prefix, customer_rate, customer_billed_s,"
            + " customer_amount, vendor_deck_id, vendor_deck_version, vendor_prefix, vendor_rate, vendor_billed_s,"
            + " vendor_amount, vendor_currency, fx_rate, margin, rating_reason, flags, rated_at, rated_by";
    private static final List<String> COLUMN_LIST = List.of(COLUMNS.split(", "));

    /** What the table holds, seen through FINAL: the figures a pipeline test holds against its ground truth. */
    public record Totals(long rows, long distinctCalls, long unrated, BigDecimal revenue, BigDecimal cost,
                         BigDecimal margin) {
    }

    private final ClickHouseDatabase database;

    public RatedCdrTable(ClickHouseDatabase database) {
        this.database = database;
    }

    /**
     * Inserts {@code cdrs} as one block, each row rated by {@code ratedBy} at {@code version}, written in RowBinary
     * by hand (through the driver's prepared statements a row cost about 2.5 times the CPU: see {@link RowBinary}).
     */
    public void insert(Collection<RatedCdr> cdrs, long version, String ratedBy) throws SQLException {
        if (cdrs.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        try (Connection c = database.connect()) {
            RowBinary.client(c).insert("rated_cdrs", COLUMN_LIST, stream -> {
                RowBinary.Out out = new RowBinary.Out(stream);
                for (RatedCdr rated : cdrs) {
                    write(out, rated, version, ratedBy, now);
                }
                out.flush();
            }, ClickHouseFormat.RowBinary, new InsertSettings().setDatabase(database.database())).get();
        } catch (ExecutionException e) {
            throw new SQLException("rated CDRs could not be inserted: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("inserting rated CDRs was interrupted", e);
        }
    }

    /** {@link #COLUMNS} of one row in RowBinary. */
    static void write(RowBinary.Out out, RatedCdr rated, long version, String ratedBy, Instant ratedAt)
            throws IOException {
        Cdr cdr = rated.cdr();
        out.string(cdr.callId());
        out.int64(version);
        out.string(text(cdr.customer()));
        out.string(text(cdr.aNumber()));
        out.string(text(cdr.bNumber()));
        out.int64(cdr.setup().toEpochMilli());
        out.isNull(cdr.answer() == null);
        if (cdr.answer() != null) {
            out.int64(cdr.answer().toEpochMilli());
        }
        out.int64(cdr.end().toEpochMilli());
        out.int64(cdr.durationS().movePointRight(3).longValue());
        out.string(cdr.disposition().name());
        out.uint16(cdr.cause() == null ? 0 : cdr.cause());
        out.uint8(cdr.attempts().size());
        out.string(attemptList(cdr.attempts()));
        out.string(text(rated.vendor()));
        out.uint32(cdr.answeredAttempt().map(CallAttempt::pddMs).map(p -> p == null ? 0L : p).orElse(0L));
        out.string(rated.currency() == null ? "" : rated.currency().getCurrencyCode());
        writeLeg(out, rated.customerLeg());
        writeLeg(out, rated.vendorLeg());
        out.string(rated.vendorLeg() == null ? "" : rated.vendorLeg().currency().getCurrencyCode());
        out.decimal128(rated.fxRate() == null ? BigDecimal.ONE : rated.fxRate(), 12);
        out.decimal64(rated.margin() == null ? BigDecimal.ZERO : rated.margin(), 6);
        out.string(text(rated.unratedReason()));
        out.strings(cdr.flags().stream().map(CdrFlag::name).toList());
        out.int64(ratedAt.toEpochMilli());
        out.string(ratedBy);
    }

    private static void writeLeg(RowBinary.Out out, RatedLeg leg) throws IOException {
        out.string(leg == null ? "" : leg.deckId());
        out.uint32(leg == null ? 0 : leg.deckVersion());
        out.string(leg == null ? "" : leg.prefix());
        out.decimal64(leg == null ? BigDecimal.ZERO : leg.rate(), 6);
        out.uint32(leg == null ? 0 : leg.billedS());
        out.decimal64(leg == null ? BigDecimal.ZERO : leg.amount(), 6);
    }

    /** The attempts as JSON, for disputes and quality figures recomputed from storage. */
    static String attemptList(List<CallAttempt> attempts) {
        try {
            return ATTEMPT_WRITER.writeValueAsString(attempts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attempts cannot be written as JSON", e);
        }
    }

    /** Row counts and sums of the whole table under FINAL. */
    public Totals totals() throws SQLException {
        try (Connection c = database.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(), uniqExact(call_id), countIf(rating_reason != ''),"
                     + " sum(customer_amount), sum(vendor_amount), sum(margin) FROM rated_cdrs FINAL")) {
            rs.next();
            return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                    rs.getBigDecimal(6));
        }
    }

    /** Rows as stored, before merges and without FINAL: more than {@code totals().rows()} when writes repeated. */
    public long rawRows() throws SQLException {
        try (Connection c = database.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count() FROM rated_cdrs")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A rated CDR as stored, with the version of its rating and who made it when.
     *
     * @param ratedBy {@code stream}, or {@code rerate:<run id>}
     */
    public record StoredRating(RatedCdr rated, long version, Instant ratedAt, String ratedBy) {
    }

    /** Receives the rows {@link #read} streams, one at a time. */
    @FunctionalInterface
    public interface StoredRatings {
        void accept(StoredRating row) throws Exception;
    }

    private static final String READ = "SELECT call_id, customer_id, a_number, b_number,"
            + " toUnixTimestamp64Milli(setup_time), ifNull(toUnixTimestamp64Milli(answer_time), -1),"
            + " toUnixTimestamp64Milli(end_time), duration_ms, disposition, cause, attempt_list,"
            + " arrayStringConcat(flags, ','), vendor_id, currency, customer_deck_id, customer_deck_version,"
            + " customer_prefix, customer_rate, customer_billed_s, customer_amount, vendor_deck_id,"
            + " vendor_deck_version, vendor_prefix, vendor_rate, vendor_billed_s, vendor_amount, vendor_currency,"
            + " fx_rate, margin, rating_reason, rating_version, toUnixTimestamp64Milli(rated_at), rated_by"
            + " FROM rated_cdrs FINAL";
    private static final String LC = "LowCardinality(String)";
    private static final String DECIMAL = "Decimal(18, 6)";
    /** The types of {@link #READ}'s columns, as the server names them. */
    private static final List<String> READ_TYPES = List.of("String", LC, "String", "String", "Int64", "Int64", "Int64",
            "UInt64", LC, "UInt16", "String", "String", LC, LC, LC, "UInt32", "String", DECIMAL, "UInt32", DECIMAL, LC,
            "UInt32", "String", DECIMAL, "UInt32", DECIMAL, LC, "Decimal(24, 12)", DECIMAL, "String", "UInt64", "Int64",
            LC);

    /**
     * Streams, under FINAL, the calls of one customer ({@code customer_id}) or carried by one vendor
     * ({@code vendor_id}) set up in [{@code from}, {@code to}), rebuilt as rated CDRs: the rows are decoded as the
     * server sends them ({@link RowBinary}), never held all at once. The order is the server's.
     *
     * @return how many rows were read
     * @throws Exception what {@code each} threw, or the database's failure
     */
    public long read(Party party, String id, Instant from, Instant to, StoredRatings each) throws Exception {
        long rows = 0;
        try (Connection c = database.connect();
             QueryResponse response = RowBinary.client(c).query(READ + period(party), period(id, from, to),
                     new QuerySettings().setDatabase(database.database())
                             .setFormat(ClickHouseFormat.RowBinaryWithNamesAndTypes)).get();
             RowBinary.In in = new RowBinary.In(response.getInputStream())) {
            in.expectTypes(READ_TYPES);
            while (in.more()) {
                each.accept(stored(in));
                rows++;
            }
        }
        return rows;
    }

    /** The rows {@link #read} would stream, counted before FINAL: at least as many, and quick (for progress). */
    public long countAtMost(Party party, String id, Instant from, Instant to) throws Exception {
        try (Connection c = database.connect();
             QueryResponse response = RowBinary.client(c).query("SELECT count() FROM rated_cdrs" + period(party),
                     period(id, from, to), new QuerySettings().setDatabase(database.database())
                             .setFormat(ClickHouseFormat.RowBinary)).get();
             RowBinary.In in = new RowBinary.In(response.getInputStream())) {
            return in.int64();
        }
    }

    private static String period(Party party) {
        return " WHERE " + (party == Party.CUSTOMER ? "customer_id" : "vendor_id") + " = {id:String}"
                + " AND setup_time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')"
                + " AND setup_time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')";
    }

    private static Map<String, Object> period(String id, Instant from, Instant to) {
        return Map.of("id", id, "from", from.toEpochMilli(), "to", to.toEpochMilli());
    }

    private static StoredRating stored(RowBinary.In in) throws IOException {
        String callId = in.string();
        String customer = blankToNull(in.string());
        String aNumber = blankToNull(in.string());
        String bNumber = in.string();
        Instant setup = Instant.ofEpochMilli(in.int64());
        long answer = in.int64();
        Instant end = Instant.ofEpochMilli(in.int64());
        BigDecimal durationS = BigDecimal.valueOf(in.int64(), 3);
        Disposition disposition = Disposition.valueOf(in.string());
        int cause = in.uint16();
        List<CallAttempt> attempts = attempts(callId, in.string());
        Cdr cdr = new Cdr(callId, customer, aNumber, bNumber, setup, answer < 0 ? null : Instant.ofEpochMilli(answer),
                end, durationS, disposition, cause == 0 ? null : cause, attempts, flags(in.string()));
        String vendor = blankToNull(in.string());
        Currency currency = currency(in.string());
        RatedLeg customerLeg = LegColumns.read(in).in(currency);
        RatedLeg vendorLeg = LegColumns.read(in).in(currency(in.string()));
        BigDecimal fxRate = in.decimal128(12);
        BigDecimal margin = in.decimal64(6);
        String reason = blankToNull(in.string());
        RatedCdr rated = reason == null
                ? new RatedCdr(cdr, vendor, customerLeg, vendorLeg, fxRate, margin, currency, null)
                : RatedCdr.unrated(cdr, vendor, customerLeg, vendorLeg, currency, reason);
        return new StoredRating(rated, in.int64(), Instant.ofEpochMilli(in.int64()), in.string());
    }

    /** A leg's six columns: deck id, version, prefix, rate, billed seconds, amount; its currency is elsewhere. */
    private record LegColumns(String deckId, int version, String prefix, BigDecimal rate, long billedS,
                              BigDecimal amount) {
        static LegColumns read(RowBinary.In in) throws IOException {
            return new LegColumns(in.string(), Math.toIntExact(in.uint32()), in.string(), in.decimal64(6), in.uint32(),
                    in.decimal64(6));
        }

        /** The leg; null when no deck priced it. */
        RatedLeg in(Currency currency) {
            return deckId.isEmpty() ? null : new RatedLeg(deckId, version, currency, prefix, rate, billedS, amount);
        }
    }

    private static List<CallAttempt> attempts(String callId, String json) throws IOException {
        if (json.equals("[]")) {
            return List.of();
        }
        try {
            return ATTEMPTS.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IOException("call " + callId + ": attempt_list is not a list of attempts: " + json, e);
        }
    }

    private static Set<CdrFlag> flags(String names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        Set<CdrFlag> flags = EnumSet.noneOf(CdrFlag.class);
        for (String name : names.split(",")) {
            flags.add(CdrFlag.valueOf(name));
        }
        return flags;
    }

    private static Currency currency(String code) {
        return code.isEmpty() ? null : Currency.getInstance(code);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

}
