package io.tollgate.ingest.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ClickHouse table {@code dead_letters} (migration 010): written in batches, read by {@code tollgate deadletter}.
 * The caller owns the connection.
 */
public final class DeadLetterTable implements DeadLetters {
    private static final int BATCH = 10_000;
    private static final String COLUMNS = "origin_kind, origin, partition, position, batch, refused_by, reason, raw, refused_at";

    private final Connection db;
    private PreparedStatement insert;
    private int pending;

    public DeadLetterTable(Connection db) {
        this.db = db;
    }

    /** What {@code list} and {@code show} select: all of it, or one origin, one batch, newest first. */
    public record Query(String origin, Long position, String batch, Instant since, int limit) {
    }

    @Override
    public void refuse(DeadLetter letter) throws DeadLetterException {
        try {
            if (insert == null) {
                insert = db.prepareStatement("INSERT INTO dead_letters (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            }
            Origin o = letter.origin();
            insert.setString(1, o.inFile() ? "file" : "topic");
            insert.setString(2, o.source());
            insert.setInt(3, o.inFile() ? -1 : o.partition());
            insert.setLong(4, o.position());
            insert.setString(5, letter.batch());
            insert.setString(6, letter.refusedBy());
            insert.setString(7, letter.reason());
            insert.setString(8, letter.raw());
            insert.setTimestamp(9, Timestamp.from(letter.refusedAt()));
            insert.addBatch();
            if (++pending >= BATCH) {
                flush();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws DeadLetterException {
        if (pending == 0) {
            return;
        }
        try {
            insert.executeBatch();
            pending = 0;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void withdraw(String batch) throws DeadLetterException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM dead_letters WHERE batch = ?")) {
            delete.setString(1, batch);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Letters matching {@code query}, newest first. */
    public List<DeadLetter> find(Query query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dead_letters FINAL WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.origin() != null) {
            sql.append(" AND origin = ?");
            args.add(query.origin());
        }
        if (query.position() != null) {
            sql.append(" AND position = ?");
            args.add(query.position());
        }
        if (query.batch() != null) {
            sql.append(" AND batch = ?");
            args.add(query.batch());
        }
        if (query.since() != null) {
            sql.append(" AND refused_at >= ?");
            args.add(Timestamp.from(query.since()));
        }
        sql.append(" ORDER BY refused_at DESC, origin, position LIMIT ").append(Math.max(0, query.limit()));
        try (PreparedStatement select = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    letters.add(read(rs));
                }
            }
            return letters;
        }
    }

    @Override
    public String describe() {
        return "ClickHouse table dead_letters";
    }

    @Override
    public void close() throws DeadLetterException {
        try {
            flush();
        } finally {
            try {
                if (insert != null) {
                    insert.close();
                }
            } catch (SQLException e) {
                // the flush above reported anything that matters
            }
        }
    }

    private static DeadLetter read(ResultSet rs) throws SQLException {
        String kind = rs.getString("origin_kind");
        String source = rs.getString("origin");
        long position = rs.getLong("position");
        Origin origin = "file".equals(kind) ? Origin.fileLine(source, position)
                : Origin.topicOffset(source, rs.getInt("partition"), position);
        return new DeadLetter(origin, rs.getString("raw"), rs.getString("reason"), rs.getString("refused_by"),
                rs.getString("batch"), rs.getTimestamp("refused_at").toInstant());
    }

    private static DeadLetterException failed(SQLException e) {
        return new DeadLetterException("cannot write to ClickHouse dead_letters: " + e.getMessage()
                + " (is it running and migrated? tollgate db migrate)", e);
    }
}
