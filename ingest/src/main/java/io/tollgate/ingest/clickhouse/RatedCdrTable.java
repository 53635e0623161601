package io.tollgate.ingest.clickhouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrFlag;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rated_cdrs} table: one row per call id, the highest {@code rating_version} winning
 * (ReplacingMergeTree). Writing the same call again with the same version leaves one row after merges and under
 * FINAL, which is what makes a replayed or retried write harmless: readers use FINAL.
 */
public final class RatedCdrTable {
    /** The version the streaming rating writes; a re-rating writes a higher one. */
    public static final long STREAM_VERSION = 0;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = "INSERT INTO rated_cdrs (call_id, rating_version, customer_id, a_number,"
            + " b_number, setup_time, answer_time, end_time, duration_ms, disposition, cause, attempts, attempt_list,"
            + " vendor_id, pdd_ms, currency, customer_deck_id, customer_deck_version, customer_prefix, customer_rate,"
            + " customer_billed_s, customer_amount, vendor_deck_id, vendor_deck_version, vendor_prefix, vendor_rate,"
            + " vendor_billed_s, vendor_amount, vendor_currency, fx_rate, margin, rating_reason, flags, rated_at,"
            + " rated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?)";

    /** What the table holds, seen through FINAL: the figures a pipeline test holds against its ground truth. */
    public record Totals(long rows, long distinctCalls, long unrated, BigDecimal revenue, BigDecimal cost,
                         BigDecimal margin) {
    }

    private final ClickHouseDatabase database;

    public RatedCdrTable(ClickHouseDatabase database) {
        this.database = database;
    }

    /** Inserts {@code cdrs} as one block, each row rated by {@code ratedBy} at {@code version}. */
    public void insert(Collection<RatedCdr> cdrs, long version, String ratedBy) throws SQLException {
        if (cdrs.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (RatedCdr rated : cdrs) {
                bind(insert, rated, version, ratedBy, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void bind(PreparedStatement s, RatedCdr rated, long version, String ratedBy, Instant now)
            throws SQLException {
        Cdr cdr = rated.cdr();
        int i = 0;
        s.setString(++i, cdr.callId());
        s.setLong(++i, version);
        s.setString(++i, text(cdr.customer()));
        s.setString(++i, text(cdr.aNumber()));
        s.setString(++i, text(cdr.bNumber()));
        s.setObject(++i, utc(cdr.setup()));
        s.setObject(++i, cdr.answer() == null ? null : utc(cdr.answer()));
        s.setObject(++i, utc(cdr.end()));
        s.setLong(++i, cdr.durationS().movePointRight(3).longValue());
        s.setString(++i, cdr.disposition().name());
        s.setInt(++i, cdr.cause() == null ? 0 : cdr.cause());
        s.setInt(++i, cdr.attempts().size());
        s.setString(++i, attemptList(cdr.attempts()));
        s.setString(++i, text(rated.vendor()));
        s.setLong(++i, cdr.answeredAttempt().map(CallAttempt::pddMs).map(p -> p == null ? 0L : p).orElse(0L));
        s.setString(++i, rated.currency() == null ? "" : rated.currency().getCurrencyCode());
        i = bindLeg(s, i, rated.customerLeg());
        i = bindLeg(s, i, rated.vendorLeg());
        s.setString(++i, rated.vendorLeg() == null ? "" : rated.vendorLeg().currency().getCurrencyCode());
        s.setBigDecimal(++i, rated.fxRate() == null ? BigDecimal.ONE : rated.fxRate());
        s.setBigDecimal(++i, rated.margin() == null ? BigDecimal.ZERO : rated.margin());
        s.setString(++i, text(rated.unratedReason()));
        s.setObject(++i, cdr.flags().stream().map(CdrFlag::name).toArray(String[]::new));
        s.setObject(++i, utc(now));
        s.setString(++i, ratedBy);
    }

    private static int bindLeg(PreparedStatement s, int i, RatedLeg leg) throws SQLException {
        s.setString(++i, leg == null ? "" : leg.deckId());
        s.setInt(++i, leg == null ? 0 : leg.deckVersion());
        s.setString(++i, leg == null ? "" : leg.prefix());
        s.setBigDecimal(++i, leg == null ? BigDecimal.ZERO : leg.rate());
        s.setLong(++i, leg == null ? 0 : leg.billedS());
        s.setBigDecimal(++i, leg == null ? BigDecimal.ZERO : leg.amount());
        return i;
    }

    /** The attempts as JSON, for disputes and quality figures recomputed from storage. */
    static String attemptList(List<CallAttempt> attempts) {
        List<Map<String, Object>> list = new ArrayList<>(attempts.size());
        for (CallAttempt a : attempts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vendor", a.vendor());
            m.put("legId", a.legId());
            m.put("cause", a.cause());
            m.put("pddMs", a.pddMs());
            m.put("answered", a.answered());
            list.add(m);
        }
        try {
            return JSON.writeValueAsString(list);
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

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static ZonedDateTime utc(Instant t) {
        return t.atZone(ZoneOffset.UTC);
    }
}
