package io.tollgate.reports.export;

import io.tollgate.ingest.clickhouse.ClickHouseDatabase;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls finance must look at before invoicing: those that could not be rated (no rate, no exchange rate, an
 * unknown customer...) and those the CDR job flagged (timed out, events missing, swept by the agent), one row each.
 */
public final class UnratedExport {
    public static final List<String> HEADER = List.of("call_id", "customer", "vendor", "setup_time", "b_number",
            "duration_s", "disposition", "reason", "flags");

    private final ClickHouseDatabase database;

    public UnratedExport(ClickHouseDatabase database) {
        this.database = database;
    }

    /** The calls of the selection's period and filters, one row each. */
    public ExportTable table(CallSelection calls) throws SQLException {
        String sql = "SELECT call_id, customer_id, vendor_id, setup_time, b_number, duration_ms, disposition,"
                + " rating_reason, arrayStringConcat(flags, ' ') FROM rated_cdrs FINAL"
                + " WHERE " + calls.conditions() + " AND (rating_reason != '' OR length(flags) > 0)"
                + " ORDER BY setup_time, call_id";
        List<String[]> rows = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(sql)) {
            calls.bind(select);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3),
                        r.getTimestamp(4).toInstant().toString(), r.getString(5),
                        BigDecimal.valueOf(r.getLong(6), 3).toPlainString(), r.getString(7), r.getString(8),
                        r.getString(9)});
                }
            }
        }
        return new ExportTable("unrated and flagged calls", HEADER,
                List.of(false, false, false, false, false, true, false, false, false), rows);
    }
}
