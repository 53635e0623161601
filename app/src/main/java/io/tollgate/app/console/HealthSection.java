package io.tollgate.app.console;

import io.tollgate.ingest.clickhouse.ClickHouseDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/health} (no token: for load balancers and process supervisors) and {@code GET /metrics}
 * (Prometheus text, role admin).
 */
public final class HealthSection implements ApiSection {
    private final ClickHouseDatabase database;

    public HealthSection(ClickHouseDatabase database) {
        this.database = database;
    }

    @Override
    public void register(Api api) {
        api.publicGet("/api/health", ctx -> {
            boolean clickhouse = clickHouseAnswers();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", clickhouse ? "ok" : "degraded");
            body.put("clickhouse", clickhouse ? "reachable" : "unreachable");
            ctx.status(clickhouse ? 200 : 503).json(body);
        });
        api.get("/metrics", Set.of(Role.ADMIN),
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(api.metrics()));
    }

    private boolean clickHouseAnswers() {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 1")) {
            return r.next();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
