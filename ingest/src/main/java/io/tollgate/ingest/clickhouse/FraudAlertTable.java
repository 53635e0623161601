package io.tollgate.ingest.clickhouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.fraud.Evidence;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.json.WireFormat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fraud_alerts} table (migration 002): one row per alert id, the latest update winning
 * (ReplacingMergeTree on {@code updated_at}), so the fraud job may write an update again after a restart.
 * Readers use FINAL.
 */
public final class FraudAlertTable {
    private static final ObjectMapper JSON = WireFormat.newMapper();
    private static final String INSERT = "INSERT INTO fraud_alerts (alert_id, rule_id, severity, customer_id, subject,"
            + " window_start, window_end, first_event_time, last_event_time, call_count, total_duration_s,"
            + " total_amount, currency, evidence, action, status, raised_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RECENT = "SELECT alert_id, rule_id, severity, customer_id, subject, call_count,"
            + " action, status, raised_at, updated_at, evidence FROM fraud_alerts FINAL ORDER BY updated_at DESC LIMIT ?";

    /** One stored alert, as listings show it. */
    public record Row(String alertId, String ruleId, String severity, String customer, String subject, long calls,
                      String action, String status, Instant raisedAt, Instant updatedAt, String evidence) {
    }

    private final ClickHouseDatabase database;

    public FraudAlertTable(ClickHouseDatabase database) {
        this.database = database;
    }

    /** Inserts the alerts in one parameterized batch; nothing is sent for an empty list. */
    public void insert(List<RaisedAlert> alerts) throws SQLException {
        if (alerts.isEmpty()) {
            return;
        }
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (RaisedAlert raised : alerts) {
                FraudAlert a = raised.alert();
                Evidence e = a.evidence();
                insert.setString(1, raised.alertId());
                insert.setString(2, a.ruleId());
                insert.setString(3, a.severity().name());
                insert.setString(4, a.customer());
                insert.setString(5, a.subject());
                insert.setObject(6, utc(e.windowStart()));
                insert.setObject(7, utc(e.windowEnd()));
                insert.setObject(8, utc(a.firstEventTime()));
                insert.setObject(9, utc(a.lastEventTime()));
                insert.setLong(10, e.counts().getOrDefault("calls", e.counts().getOrDefault("attempts", 0L)));
                insert.setLong(11, seconds(e.amounts().get("minutes")));
                insert.setBigDecimal(12, amount(e));
                insert.setString(13, "");
                insert.setString(14, json(e));
                insert.setString(15, raised.action());
                // every value a parameter: clickhouse-jdbc 0.10.0 binds parameters to the columns by position and
                // skips a literal among them, so a literal 'open' here shifted the times one column left
                insert.setString(16, "open");
                insert.setObject(17, utc(raised.raisedAt()));
                insert.setObject(18, utc(raised.updatedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The latest {@code limit} alerts, newest update first. */
    public List<Row> recent(int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(RECENT)) {
            select.setInt(1, limit);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getLong(6), r.getString(7), r.getString(8), instant(r.getTimestamp(9)),
                            instant(r.getTimestamp(10)), r.getString(11)));
                }
            }
        }
        return rows;
    }

    /** The money the rule looked at, whichever it was: revenue to a destination, or an hour's spend. */
    private static BigDecimal amount(Evidence e) {
        BigDecimal amount = e.amounts().getOrDefault("revenue", e.amounts().get("spendLastHour"));
        return amount == null ? BigDecimal.ZERO : amount.setScale(6, RoundingMode.HALF_UP);
    }

    private static long seconds(BigDecimal minutes) {
        return minutes == null ? 0 : minutes.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.UP).longValue();
    }

    private static String json(Evidence e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("evidence is plain data and always serialises", ex);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static ZonedDateTime utc(Instant t) {
        return t.atZone(ZoneOffset.UTC);
    }
}
