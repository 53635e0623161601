package io.tollgate.reports.export;

import io.tollgate.ingest.clickhouse.ClickHouseDatabase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Margin for finance: rated calls of a period grouped by customer, vendor, destination (the customer deck's prefix)
 * or day (UTC), each group in its customer currency. Revenue is what the customers pay, cost what the vendors charge
 * converted to that currency at the call's own exchange rate, margin the difference; calls that could not be rated
 * are left out (`tollgate export` lists them elsewhere) so that no total mixes priced and unpriced calls.
 */
public final class MarginExport {

    /** What the rows are grouped by; each maps to one fixed column expression, never to user text. */
    public enum By {
        CUSTOMER("customer_id"),
        VENDOR("vendor_id"),
        DESTINATION("customer_prefix"),
        DAY("toString(toDate(setup_time, 'UTC'))");

        private final String expression;

        By(String expression) {
            this.expression = expression;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One group: calls and billed minutes, and the money in {@code currency}. */
    public record Row(String key, String currency, long calls, long answered, BigDecimal billedMinutes,
                      BigDecimal revenue, BigDecimal cost, BigDecimal margin) {

        /** Margin as a percentage of revenue, two decimals; empty when there was no revenue. */
        public String marginPercent() {
            if (revenue.signum() == 0) {
                return "";
            }
            return margin.multiply(BigDecimal.valueOf(100)).divide(revenue, 2, RoundingMode.HALF_UP).toPlainString();
        }
    }

    /** The columns, the first named after what the rows are grouped by. */
    public static List<String> header(By by) {
        return List.of(by.label(), "currency", "calls", "answered", "billed_minutes", "revenue", "cost", "margin",
                "margin_pct");
    }

    /** The rows as an export: every column but the first two is a number. */
    public static ExportTable table(By by, List<Row> rows) {
        List<String[]> cells = rows.stream().map(r -> new String[] {r.key(), r.currency(), Long.toString(r.calls()),
            Long.toString(r.answered()), r.billedMinutes().toPlainString(), r.revenue().toPlainString(),
            r.cost().toPlainString(), r.margin().toPlainString(), r.marginPercent()}).toList();
        return new ExportTable("margin by " + by.label(), header(by),
                List.of(false, false, true, true, true, true, true, true, true), cells);
    }

    private final ClickHouseDatabase database;

    public MarginExport(ClickHouseDatabase database) {
        this.database = database;
    }

    public List<Row> rows(CallSelection calls, By by) throws SQLException {
        String sql = "SELECT " + by.expression + " AS k, currency, count(), countIf(answer_time IS NOT NULL),"
                + " sum(customer_billed_s), sum(customer_amount), sum(customer_amount - margin), sum(margin)"
                + " FROM rated_cdrs FINAL WHERE " + calls.conditions() + " AND rating_reason = ''"
                + " GROUP BY k, currency ORDER BY k, currency";
        List<Row> rows = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(sql)) {
            calls.bind(select);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
                            minutes(r.getLong(5)), r.getBigDecimal(6), r.getBigDecimal(7), r.getBigDecimal(8)));
                }
            }
        }
        return rows;
    }

    /** Billed minutes to two decimals: a figure to read; the seconds behind it are exact in rated_cdrs. */
    static BigDecimal minutes(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }
}
