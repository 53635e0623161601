package io.tollgate.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.tollgate.core.fraud.Severity;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fraud alerts (role fraud): the list with filters, one alert with its evidence, and the analyst's status changes.
 * A status change is a new {@code fraud_alerts} row with a later {@code updated_at} (the table keeps the latest per
 * alert), and an {@code audit_log} row.
 */
public final class AlertsSection implements ApiSection {
    static final Set<Role> ROLES = Set.of(Role.FRAUD);
    static final List<String> STATUSES = List.of("open", "acknowledged", "closed", "false_positive");
    static final int MAX_LIMIT = 1000;
    static final Duration FEED_POLL = Duration.ofSeconds(1);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** The path's verb → the status it sets. */
    private static final Map<String, String> CHANGES = Map.of("acknowledge", "acknowledged", "resolve", "closed",
            "false-positive", "false_positive");
    private static final String COLUMNS = "alert_id, rule_id, severity, customer_id, subject, window_start, window_end,"
            + " first_event_time, last_event_time, call_count, total_duration_s, total_amount, currency, evidence,"
            + " action, status, raised_at, updated_at";
    private static final String INSERT = "INSERT INTO fraud_alerts (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final ClickHouseDatabase database;

    public AlertsSection(ClickHouseDatabase database) {
        this.database = database;
    }

    @Override
    public void register(Api api) {
        api.get("/api/alerts", ROLES, this::list);
        // before {id}, which would match "stream" too
        api.get("/api/alerts/stream", ROLES, this::stream);
        api.get("/api/alerts/{id}", ROLES, this::detail);
        for (Map.Entry<String, String> change : CHANGES.entrySet()) {
            api.post("/api/alerts/{id}/" + change.getKey(), ROLES, ctx -> change(api, ctx, change.getValue()));
        }
    }

    private void list(Context ctx) throws SQLException {
        List<String> where = new ArrayList<>();
        List<String> values = new ArrayList<>();
        String customer = Ids.id("customer", ctx.queryParam("customer"));
        if (customer != null) {
            where.add("customer_id = ?");
            values.add(customer);
        }
        String rule = Ids.id("rule", ctx.queryParam("rule"));
        if (rule != null) {
            where.add("rule_id = ?");
            values.add(rule);
        }
        String severity = ctx.queryParam("severity");
        if (severity != null) {
            String upper = severity.toUpperCase(Locale.ROOT);
            if (Arrays.stream(Severity.values()).noneMatch(s -> s.name().equals(upper))) {
                throw new BadRequest("severity", "must be one of " + Arrays.stream(Severity.values())
                        .map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
            }
            where.add("severity = ?");
            values.add(upper);
        }
        String status = ctx.queryParam("status");
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw new BadRequest("status", "must be one of " + String.join(", ", STATUSES));
            }
            where.add("status = ?");
            values.add(status);
        }
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequest("to", "must be after from");
        }
        if (from != null) {
            where.add("raised_at >= toDateTime64(?, 3, 'UTC')");
            values.add(SQL_TIME.format(from));
        }
        if (to != null) {
            where.add("raised_at < toDateTime64(?, 3, 'UTC')");
            values.add(SQL_TIME.format(to));
        }
        int limit = limit(ctx.queryParam("limit"));
        String sql = "SELECT " + COLUMNS + " FROM fraud_alerts FINAL"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY raised_at DESC, alert_id LIMIT " + limit;
        List<Map<String, Object>> alerts = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                select.setString(i + 1, values.get(i));
            }
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    alerts.add(json(Stored.of(r), false));
                }
            }
        }
        ctx.json(Map.of("alerts", alerts, "count", alerts.size(), "limit", limit));
    }

    /**
     * The live feed, as server-sent events: every alert raised or changed from now on, one {@code data:} line of the
     * list's JSON each, found by asking fraud_alerts every {@link #FEED_POLL} for rows updated since the last seen;
     * a comment line every {@link #KEEP_ALIVE} keeps proxies from closing an idle stream. Ends when the client goes.
     */
    private void stream(Context ctx) throws SQLException, InterruptedException {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        Instant seen = Instant.now();
        long quietSince = System.nanoTime();
        try {
            OutputStream out = ctx.res().getOutputStream();
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!Thread.currentThread().isInterrupted()) {
                for (Stored changed : changedSince(seen)) {
                    out.write(("data: " + Json.MAPPER.writeValueAsString(json(changed, false)) + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    seen = changed.updatedAt().isAfter(seen) ? changed.updatedAt() : seen;
                    quietSince = System.nanoTime();
                }
                if (System.nanoTime() - quietSince > KEEP_ALIVE.toNanos()) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    quietSince = System.nanoTime();
                }
                out.flush();
                Thread.sleep(FEED_POLL.toMillis());
            }
        } catch (IOException gone) {
            // the client closed the stream: nothing to answer
        }
    }

    private List<Stored> changedSince(Instant seen) throws SQLException {
        List<Stored> changed = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM fraud_alerts FINAL WHERE updated_at > toDateTime64(?, 3, 'UTC') ORDER BY updated_at LIMIT 500")) {
            select.setString(1, SQL_TIME.format(seen));
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    changed.add(Stored.of(r));
                }
            }
        }
        return changed;
    }

    private void detail(Context ctx) throws SQLException {
        ctx.json(json(find(Ids.alertId(ctx.pathParam("id"))), true));
    }

    private void change(Api api, Context ctx, String status) throws SQLException {
        String id = Ids.alertId(ctx.pathParam("id"));
        JsonNode body = Json.body(ctx);
        String note = Json.text(body, "note");
        if (note != null && note.length() > 1000) {
            throw new BadRequest("note", "must be at most 1000 characters");
        }
        Stored before = find(id);
        // later than the row it replaces, even when clocks or two quick clicks meet in one millisecond
        Instant now = Instant.now();
        Instant updated = now.isAfter(before.updatedAt()) ? now : before.updatedAt().plusMillis(1);
        Stored after = before.withStatus(status, updated);
        insert(after);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", before.status());
        details.put("to", status);
        if (note != null) {
            details.put("note", note);
        }
        api.audit(ctx, "alert." + status, "fraud_alert", id, details);
        ctx.json(json(after, false));
    }

    private Stored find(String id) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM fraud_alerts FINAL WHERE alert_id = ? LIMIT 1")) {
            select.setString(1, id);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    throw new NotFound("no alert '" + id + "'");
                }
                return Stored.of(r);
            }
        }
    }

    private void insert(Stored a) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, a.id());
            insert.setString(2, a.rule());
            insert.setString(3, a.severity());
            insert.setString(4, a.customer());
            insert.setString(5, a.subject());
            insert.setObject(6, a.windowStart().atZone(ZoneOffset.UTC));
            insert.setObject(7, a.windowEnd().atZone(ZoneOffset.UTC));
            insert.setObject(8, a.firstEvent().atZone(ZoneOffset.UTC));
            insert.setObject(9, a.lastEvent().atZone(ZoneOffset.UTC));
            insert.setLong(10, a.calls());
            insert.setLong(11, a.durationSeconds());
            insert.setBigDecimal(12, a.amount());
            insert.setString(13, a.currency());
            insert.setString(14, a.evidence());
            insert.setString(15, a.action());
            insert.setString(16, a.status());
            insert.setObject(17, a.raisedAt().atZone(ZoneOffset.UTC));
            insert.setObject(18, a.updatedAt().atZone(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static Map<String, Object> json(Stored a, boolean evidence) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.id());
        json.put("rule", a.rule());
        json.put("severity", a.severity().toLowerCase(Locale.ROOT));
        json.put("customer", a.customer());
        json.put("subject", a.subject());
        json.put("status", a.status());
        json.put("action", a.action());
        json.put("calls", a.calls());
        json.put("durationSeconds", a.durationSeconds());
        json.put("amount", a.amount().stripTrailingZeros().toPlainString());
        json.put("currency", a.currency());
        json.put("windowStart", a.windowStart().toString());
        json.put("windowEnd", a.windowEnd().toString());
        json.put("firstEventTime", a.firstEvent().toString());
        json.put("lastEventTime", a.lastEvent().toString());
        json.put("raisedAt", a.raisedAt().toString());
        json.put("updatedAt", a.updatedAt().toString());
        if (evidence) {
            try {
                json.put("evidence", Json.MAPPER.readTree(a.evidence().isBlank() ? "{}" : a.evidence()));
            } catch (IOException e) {
                json.put("evidence", a.evidence());
            }
        }
        return json;
    }

    private static Instant instant(Context ctx, String field) {
        String text = ctx.queryParam(field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequest(field, "must be an ISO-8601 instant, like 2026-01-05T00:00:00Z");
        }
    }

    static int limit(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** One row of fraud_alerts, every column, to be written again with a new status. */
    private record Stored(String id, String rule, String severity, String customer, String subject,
                          Instant windowStart, Instant windowEnd, Instant firstEvent, Instant lastEvent, long calls,
                          long durationSeconds, BigDecimal amount, String currency, String evidence, String action,
                          String status, Instant raisedAt, Instant updatedAt) {
        static Stored of(ResultSet r) throws SQLException {
            return new Stored(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                    time(r, 6), time(r, 7), time(r, 8), time(r, 9), r.getLong(10), r.getLong(11),
                    r.getBigDecimal(12), r.getString(13), r.getString(14), r.getString(15), r.getString(16),
                    time(r, 17), time(r, 18));
        }

        Stored withStatus(String newStatus, Instant at) {
            return new Stored(id, rule, severity, customer, subject, windowStart, windowEnd, firstEvent, lastEvent,
                    calls, durationSeconds, amount, currency, evidence, action, newStatus, raisedAt, at);
        }

        private static Instant time(ResultSet r, int column) throws SQLException {
            Timestamp t = r.getTimestamp(column);
            return t.toInstant();
        }
    }
}
