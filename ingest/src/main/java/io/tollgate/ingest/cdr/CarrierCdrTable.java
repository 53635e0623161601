package io.tollgate.ingest.cdr;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ClickHouse's {@code carrier_cdrs} and its import ledger {@code cdr_imports} (migrations 004 and 011). The caller
 * owns the connection; open it with {@code beta.row_binary_for_simple_insert=true} for fast batch inserts.
 */
public final class CarrierCdrTable {
    private static final int BATCH = 100_000;

    private final Connection db;

    public CarrierCdrTable(Connection db) {
        this.db = db;
    }

    /** One row of the ledger. */
    public record Ledger(String carrier, String digest, String importId, String fileName, String format, String zone,
                         long rows, long imported, long refused, String status) {
        public Ledger with(String newStatus, long newRows, long newImported, long newRefused) {
            return new Ledger(carrier, digest, importId, fileName, format, zone, newRows, newImported, newRefused, newStatus);
        }
    }

    /** The complete import of this file's content for this carrier, if there is one. */
    public Optional<Ledger> completed(String carrier, String digest) throws SQLException {
        return ledger("carrier_id = ? AND digest = ? AND status = 'complete'", carrier, digest).stream().findFirst();
    }

    /** Complete imports of another content under the same file name: the rows a new import would replace. */
    public List<Ledger> otherContent(String carrier, String fileName, String digest) throws SQLException {
        return ledger("carrier_id = ? AND file_name = ? AND digest != ? AND status = 'complete'", carrier, fileName, digest);
    }

    public void record(Ledger entry) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO cdr_imports (carrier_id, digest, import_id,"
                + " file_name, format, time_zone, rows, imported, refused, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, entry.carrier());
            insert.setString(2, entry.digest());
            insert.setString(3, entry.importId());
            insert.setString(4, entry.fileName());
            insert.setString(5, entry.format());
            insert.setString(6, entry.zone());
            insert.setLong(7, entry.rows());
            insert.setLong(8, entry.imported());
            insert.setLong(9, entry.refused());
            insert.setString(10, entry.status());
            insert.executeUpdate();
        }
    }

    /** Removes the rows written under {@code importId} (an interrupted or failed run's). */
    public void deleteImport(String importId) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM carrier_cdrs WHERE import_id = ?")) {
            delete.setString(1, importId);
            delete.executeUpdate();
        }
    }

    /** Removes the rows an earlier content of the same file left, once its new content is imported. */
    public void deleteOtherImportsOfFile(String carrier, String fileName, String keptImportId) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement(
                "DELETE FROM carrier_cdrs WHERE carrier_id = ? AND file_name = ? AND import_id != ?")) {
            delete.setString(1, carrier);
            delete.setString(2, fileName);
            delete.setString(3, keptImportId);
            delete.executeUpdate();
        }
    }

    /** A batch writer of one import's rows. */
    public Writer writer(String carrier, String fileName, String importId) throws SQLException {
        return new Writer(db.prepareStatement("INSERT INTO carrier_cdrs (carrier_id, file_name, file_row, file_line,"
                + " import_id, call_id, a_number, b_number, start_time, duration_s, cost, currency)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), carrier, fileName, importId);
    }

    /** Buffers rows and sends them {@value #BATCH} at a time. */
    public static final class Writer implements AutoCloseable {
        private final PreparedStatement insert;
        private final String carrier;
        private final String fileName;
        private final String importId;
        private int pending;
        private long written;

        private Writer(PreparedStatement insert, String carrier, String fileName, String importId) {
            this.insert = insert;
            this.carrier = carrier;
            this.fileName = fileName;
            this.importId = importId;
        }

        public void add(long dataRow, CarrierCdr cdr) throws SQLException {
            insert.setString(1, carrier);
            insert.setString(2, fileName);
            insert.setLong(3, dataRow);
            insert.setLong(4, cdr.line());
            insert.setString(5, importId);
            insert.setString(6, cdr.callId());
            insert.setString(7, cdr.aNumber());
            insert.setString(8, cdr.bNumber());
            insert.setTimestamp(9, Timestamp.from(cdr.start()));
            insert.setBigDecimal(10, cdr.durationS());
            insert.setBigDecimal(11, cdr.cost());
            insert.setString(12, cdr.currency());
            insert.addBatch();
            if (++pending >= BATCH) {
                flush();
            }
        }

        public void flush() throws SQLException {
            if (pending > 0) {
                insert.executeBatch();
                written += pending;
                pending = 0;
            }
        }

        public long written() {
            return written;
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }

    private List<Ledger> ledger(String where, String... args) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT carrier_id, digest, import_id, file_name, format,"
                + " time_zone, rows, imported, refused, status FROM cdr_imports FINAL WHERE " + where
                + " ORDER BY updated_at")) {
            for (int i = 0; i < args.length; i++) {
                select.setString(i + 1, args[i]);
            }
            List<Ledger> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new Ledger(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10)));
                }
            }
            return found;
        }
    }
}
