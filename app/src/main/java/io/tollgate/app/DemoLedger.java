package io.tollgate.app;

import io.tollgate.ingest.clickhouse.ClickHouseDatabase;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The demo's rated calls in ClickHouse, as the summary shows them: per customer and per vendor, in their currencies. */
final class DemoLedger {
    /** A customer's calls of the run: revenue and margin in its currency. */
    record CustomerTotals(String customer, String currency, long calls, long answered, long rejected, long unrated,
                          BigDecimal revenue, BigDecimal margin) {
    }

    /** What the vendors' carried calls of the run cost us, in the vendor's currency. */
    record VendorTotals(String vendor, String currency, long answered, BigDecimal cost) {
    }

    /** An answered call as our CDR has it: who carried it, the numbers, answer and end. */
    record Carried(String vendor, String bNumber, String aNumber, Instant answered, Instant ended) {
    }

    private final ClickHouseDatabase database;
    private final Instant from;
    private final Instant to;

    /** The calls set up in [{@code from}, {@code to}). */
    DemoLedger(ClickHouseDatabase database, Instant from, Instant to) {
        this.database = database;
        this.from = from;
        this.to = to;
    }

    long calls() throws SQLException {
        return query("SELECT count() FROM rated_cdrs FINAL WHERE setup_time >= ? AND setup_time < ?",
                r -> r.getLong(1)).get(0);
    }

    List<CustomerTotals> customers() throws SQLException {
        return query("SELECT customer_id, any(currency), count(), countIf(answer_time IS NOT NULL),"
                        + " countIf(disposition = 'REJECTED'), countIf(rating_reason != ''), sum(customer_amount),"
                        + " sum(margin) FROM rated_cdrs FINAL WHERE setup_time >= ? AND setup_time < ?"
                        + " GROUP BY customer_id ORDER BY customer_id",
                r -> new CustomerTotals(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                        r.getLong(6), r.getBigDecimal(7).stripTrailingZeros(), r.getBigDecimal(8).stripTrailingZeros()));
    }

    List<VendorTotals> vendors() throws SQLException {
        return query("SELECT vendor_id, any(vendor_currency), countIf(answer_time IS NOT NULL), sum(vendor_amount)"
                        + " FROM rated_cdrs FINAL WHERE setup_time >= ? AND setup_time < ? AND vendor_id != ''"
                        + " GROUP BY vendor_id ORDER BY vendor_id",
                r -> new VendorTotals(r.getString(1), r.getString(2), r.getLong(3),
                        r.getBigDecimal(4).stripTrailingZeros()));
    }

    List<Carried> carried() throws SQLException {
        return query("SELECT vendor_id, b_number, a_number, answer_time, end_time FROM rated_cdrs FINAL"
                        + " WHERE setup_time >= ? AND setup_time < ? AND answer_time IS NOT NULL AND vendor_id != ''",
                r -> new Carried(r.getString(1), r.getString(2), r.getString(3),
                        r.getObject(4, java.time.ZonedDateTime.class).toInstant(),
                        r.getObject(5, java.time.ZonedDateTime.class).toInstant()));
    }

    private interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setObject(1, from.atZone(ZoneOffset.UTC));
            select.setObject(2, to.atZone(ZoneOffset.UTC));
            List<T> rows = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(row.read(r));
                }
            }
            return rows;
        }
    }
}
