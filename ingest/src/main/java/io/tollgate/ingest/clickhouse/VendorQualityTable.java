package io.tollgate.ingest.clickhouse;

import io.tollgate.core.quality.VendorQuality;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

/**
 * Writes vendor quality windows to ClickHouse's {@code vendor_quality} (migration 015), one parameterized batch per
 * call. Writing a window again replaces its row, so a sink may retry or replay freely.
 *
 * <p>Serializable, and holding only where to connect, so that a Flink sink can carry it to its task managers;
 * each {@link #insert} opens its own connection, so one instance may serve any number of threads.
 */
public final class VendorQualityTable implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String INSERT = "INSERT INTO vendor_quality (vendor_id, destination, window_start,"
            + " window_end, attempts, answered, effective, answered_s, pdd_samples, pdd_sum_ms, asr, ner, acd_s,"
            + " pdd_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final String url;
    private final Properties credentials;

    /** @param url JDBC URL of the server, without database (e.g. {@code jdbc:clickhouse://127.0.0.1:8123}) */
    public VendorQualityTable(String url, String database, Properties credentials) {
        this.url = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/" + database;
        this.credentials = new Properties();
        this.credentials.putAll(credentials);
    }

    /** Inserts the windows in one batch; nothing is sent for an empty list. */
    public void insert(List<VendorQuality> qualities) throws SQLException {
        if (qualities.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, credentials);
             PreparedStatement insert = c.prepareStatement(INSERT)) {
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

    private static Object utc(Instant t) {
        return t.atZone(ZoneOffset.UTC);
    }
}
