package io.tollgate.app.console;

import io.javalin.http.Context;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.TollgateConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Traffic and margin statistics for the dashboard's charts, read from {@code rated_cdrs FINAL} (each call once, at
 * its latest rating). Points start at {@code from} and are a step long ({@link StatsWindow}); every point is present.
 *
 * <p>{@code GET /api/stats/traffic?from=&to=&customer=&step=1m|5m|1h} (trader; step 1m by default):
 * <pre>{"from": "2026-03-01T00:00:00Z", "to": "...", "step": "1m", "stepSeconds": 60, "customer": "acme" (absent: all),
 *  "points": [{"t": "2026-03-01T00:00:00Z", "calls": 12, "answered": 6, "cps": 0.2, "concurrent": 4, "asr": 50.0}]}</pre>
 * {@code calls}: calls set up in the point; {@code cps} = calls / the point's seconds; {@code concurrent}: calls up
 * at the point's end (set up at or before it, ended after it); {@code asr} = answered / calls × 100, absent without
 * calls. Unrated calls count: traffic is traffic. Calls set up more than {@link #LONGEST_CALL} before {@code from}
 * are not looked at for {@code concurrent}.
 *
 * <p>{@code GET /api/stats/margin?from=&to=&customer=&step=1h|1d} (trader, finance; step 1h by default; 1d is 24 h
 * from {@code from}, so pass a midnight for calendar days):
 * <pre>{"from": ..., "to": ..., "step": "1d", "stepSeconds": 86400,
 *  "series": [{"customer": "acme", "currency": "EUR",
 *              "points": [{"t": "2026-03-01T00:00:00Z", "revenue": 1.5, "cost": 0.9, "margin": 0.6}]}]}</pre>
 * Per customer, in the customer's currency: revenue = customer amounts, cost = the vendors' charge converted at the
 * call's own rate (revenue - margin), as {@code tollgate export margin}; calls that could not be rated are left out.
 */
public final class StatsSection implements ApiSection {
    /** How far before {@code from} calls are looked for that may still be up. */
    static final Duration LONGEST_CALL = Duration.ofHours(24);

    private final TollgateConfig config;
    private final ClickHouseDatabase database;

    public StatsSection(TollgateConfig config, ClickHouseDatabase database) {
        this.config = config;
        this.database = database;
    }

    /** The section for {@code tollgate serve}: the configuration's ClickHouse. */
    public static StatsSection of(TollgateConfig config) {
        return new StatsSection(config, ClickHouseDatabase.of(config.services().clickhouse()));
    }

    @Override
    public void register(Api api) {
        api.get("/api/stats/traffic", Set.of(Role.TRADER), this::traffic);
        api.get("/api/stats/margin", Set.of(Role.TRADER, Role.FINANCE), this::margin);
    }

    private void traffic(Context ctx) throws SQLException {
        StatsWindow window = StatsWindow.of(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("step"),
                StatsWindow.TRAFFIC_STEPS);
        Customer customer = FinanceInput.customer(config, "customer", ctx.queryParam("customer"));
        String id = customer == null ? null : customer.id();
        ctx.json(StatsSeries.trafficJson(window, id, traffic(window, id)));
    }

    private void margin(Context ctx) throws SQLException {
        StatsWindow window = StatsWindow.of(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("step"),
                StatsWindow.MARGIN_STEPS);
        Customer customer = FinanceInput.customer(config, "customer", ctx.queryParam("customer"));
        String id = customer == null ? null : customer.id();
        ctx.json(StatsSeries.marginJson(window, id, margin(window, id)));
    }

    /** The traffic series of the window, of one customer or all. */
    List<StatsSeries.TrafficPoint> traffic(StatsWindow window, String customer) throws SQLException {
        long from = window.from().toEpochMilli();
        long step = window.stepMillis();
        String only = customer == null ? "" : " AND customer_id = ?";
        List<StatsSeries.Started> started = new ArrayList<>();
        List<StatsSeries.Span> spans = new ArrayList<>();
        try (Connection c = database.connect();
             PreparedStatement count = c.prepareStatement("SELECT intDiv(toUnixTimestamp64Milli(setup_time) - ?, ?)"
                     + " AS point, count(), countIf(answer_time IS NOT NULL) FROM rated_cdrs FINAL"
                     + " WHERE setup_time >= ? AND setup_time < ?" + only + " GROUP BY point ORDER BY point");
             PreparedStatement up = c.prepareStatement("SELECT"
                     + " intDiv(greatest(toUnixTimestamp64Milli(setup_time) - ?, 0) + ? - 1, ?) AS up,"
                     + " if(end_time > ?, -1, intDiv(toUnixTimestamp64Milli(end_time) - ? + ? - 1, ?)) AS down,"
                     + " count() FROM rated_cdrs FINAL"
                     + " WHERE setup_time > ? AND setup_time <= ? AND end_time > ?" + only
                     + " GROUP BY up, down")) {
            int i = 1;
            count.setLong(i++, from);
            count.setLong(i++, step);
            count.setObject(i++, utc(window.from()));
            count.setObject(i++, utc(window.to()));
            if (customer != null) {
                count.setString(i, customer);
            }
            try (ResultSet r = count.executeQuery()) {
                while (r.next()) {
                    started.add(new StatsSeries.Started(r.getInt(1), r.getLong(2), r.getLong(3)));
                }
            }
            i = 1;
            up.setLong(i++, from);
            up.setLong(i++, step);
            up.setLong(i++, step);
            up.setObject(i++, utc(window.to()));
            up.setLong(i++, from);
            up.setLong(i++, step);
            up.setLong(i++, step);
            up.setObject(i++, utc(window.from().minus(LONGEST_CALL)));
            up.setObject(i++, utc(window.to()));
            up.setObject(i++, utc(window.from()));
            if (customer != null) {
                up.setString(i, customer);
            }
            try (ResultSet r = up.executeQuery()) {
                while (r.next()) {
                    spans.add(new StatsSeries.Span(r.getLong(1), r.getLong(2), r.getLong(3)));
                }
            }
        }
        return StatsSeries.traffic(window, started, spans);
    }

    /** Revenue, cost and margin per customer and point of the window. */
    List<StatsSeries.MarginSeries> margin(StatsWindow window, String customer) throws SQLException {
        List<StatsSeries.Money> money = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement q = c.prepareStatement("SELECT"
                + " intDiv(toUnixTimestamp64Milli(setup_time) - ?, ?) AS point, customer_id, currency,"
                + " sum(customer_amount), sum(customer_amount - margin), sum(margin) FROM rated_cdrs FINAL"
                + " WHERE setup_time >= ? AND setup_time < ? AND rating_reason = ''"
                + (customer == null ? "" : " AND customer_id = ?")
                + " GROUP BY point, customer_id, currency ORDER BY customer_id, currency, point")) {
            int i = 1;
            q.setLong(i++, window.from().toEpochMilli());
            q.setLong(i++, window.stepMillis());
            q.setObject(i++, utc(window.from()));
            q.setObject(i++, utc(window.to()));
            if (customer != null) {
                q.setString(i, customer);
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    money.add(new StatsSeries.Money(r.getInt(1), r.getString(2), r.getString(3),
                            r.getBigDecimal(4), r.getBigDecimal(5), r.getBigDecimal(6)));
                }
            }
        }
        return StatsSeries.margin(window, money);
    }

    private static Object utc(Instant at) {
        return at.atZone(ZoneOffset.UTC);
    }
}
