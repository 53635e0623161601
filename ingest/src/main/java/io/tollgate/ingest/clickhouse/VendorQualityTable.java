package io.tollgate.ingest.clickhouse;

import io.tollgate.core.quality.VendorQuality;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;

/**
 * The {@code vendor_quality} table (migration 015): one row per vendor, destination and window, the latest write
 * winning (ReplacingMergeTree), so a sink may retry or replay a window freely; readers use FINAL.
 *
 * <p>Holds only where to connect; each {@link #insert} opens its own connection, so one instance may serve any
 * number of threads, and a Flink sink carries the {@link ClickHouseDatabase} and makes one per writer.
 */
public final class VendorQualityTable {
    private static final String INSERT = "INSERT INTO vendor_quality (vendor_id, destination, window_start,"
            + " window_end, attempts, answered, effective, answered_s, pdd_samples, pdd_sum_ms, asr, ner, acd_s,"
            + " pdd_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final ClickHouseDatabase database;

    public VendorQualityTable(ClickHouseDatabase database) {
        this.database = database;
    }

    /** @param url JDBC URL of the server, without database (e.g. {@code jdbc:clickhouse://127.0.0.1:8123}) */
    public VendorQualityTable(String url, String database, Properties credentials) {
        this(new ClickHouseDatabase(url, database, credentials));
    }

    /** Inserts the windows in one parameterized batch; nothing is sent for an empty list. */
    public void insert(List<VendorQuality> qualities) throws SQLException {
        if (qualities.isEmpty()) {
            return;
        }
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (VendorQuality q : qualities) {
                insert.setString(1, q.vendor());
                insert.setString(2, q.destination());
                insert.setObject(3, utc(q.windowStart()));
                insert.setObject(4, utc(q.windowEnd()));
                insert.setLong(5, q.attempts());
                insert.setLong(6, q.answered());
                insert.setLong(7, q.effective());
                insert.setBigDecimal(8, q.answeredS());
                insert.setLong(9, q.pddSamples());
                insert.setLong(10, q.pddSumMs());
                setRatio(insert, 11, q.asr());
                setRatio(insert, 12, q.ner());
                setRatio(insert, 13, q.acdS());
                setRatio(insert, 14, q.pddMs());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setRatio(PreparedStatement insert, int index, BigDecimal ratio) throws SQLException {
        if (ratio == null) {
            insert.setNull(index, Types.DECIMAL);
        } else {
            insert.setBigDecimal(index, ratio);
        }
    }

    private static ZonedDateTime utc(Instant t) {
        return t.atZone(ZoneOffset.UTC);
    }
}
