package io.tollgate.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** ClickHouse's {@code audit_log} (migration 008), written by the console: one row per state change. */
public final class AuditLog {
    /** Where the console's rows come from, as {@code audit_log.source} names it. */
    public static final String SOURCE = "console";
    // every column, every value a parameter: clickhouse-jdbc 0.10 binds parameters to the table's columns by
    // position, whatever the column list says (see FraudAlertTable), so the defaulted event_id is given too
    private static final String INSERT = "INSERT INTO audit_log (event_time, event_id, actor, source, action,"
            + " subject_type, subject_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final ClickHouseDatabase database;

    public AuditLog(ClickHouseDatabase database) {
        this.database = database;
    }

    /**
     * Records that {@code actor} did {@code action} (such as {@code alert.acknowledge}, {@code instruction.block}) on
     * a subject; {@code details} are stored as JSON.
     */
    public void record(String actor, String action, String subjectType, String subjectId, Map<String, ?> details)
            throws SQLException {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be plain data: " + e.getOriginalMessage(), e);
        }
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setObject(1, Instant.now().atZone(ZoneOffset.UTC));
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, actor);
            insert.setString(4, SOURCE);
            insert.setString(5, action);
            insert.setString(6, subjectType);
            insert.setString(7, subjectId);
            insert.setString(8, json);
            insert.executeUpdate();
        }
    }
}
