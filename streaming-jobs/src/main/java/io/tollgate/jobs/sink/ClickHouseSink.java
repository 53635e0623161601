package io.tollgate.jobs.sink;

import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.quality.VendorQuality;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.FraudAlertTable;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.ingest.clickhouse.VendorQualityTable;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows into a ClickHouse table that keeps one row per key, exactly once in effect: rows are buffered and inserted
 * in blocks, when a block is full, when it is a second old (so rows show within about a second whatever the
 * checkpoint interval) and at the latest before each checkpoint completes (so nothing acknowledged is lost); a
 * block replayed after a failure rewrites the same keys, which the table keeps once. A failed insert fails the task; Flink
 * restarts it from the last checkpoint and the block is written again.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** Inserts one block into the table. */
    @FunctionalInterface
    public interface Table<T> extends Serializable {
        void insert(ClickHouseDatabase database, List<T> rows) throws SQLException;
    }

    private final String tableName;
    private final ClickHouseDatabase database;
    private final Table<T> table;
    private final int blockRows;
    private static final long MAX_BLOCK_AGE_MS = 1_000;

    private ClickHouseSink(String tableName, ClickHouseDatabase database, Table<T> table, int blockRows) {
        this.tableName = tableName;
        this.database = database;
        this.table = table;
        this.blockRows = blockRows;
    }

    /** Rated CDRs as the stream rates them ({@link RatedCdrTable#STREAM_VERSION}). */
    public static ClickHouseSink<RatedCdr> ratedCdrs(ClickHouseDatabase database, int blockRows) {
        return new ClickHouseSink<>("rated_cdrs", database,
                (db, rows) -> new RatedCdrTable(db).insert(rows, RatedCdrTable.STREAM_VERSION, "stream"), blockRows);
    }

    public static ClickHouseSink<VendorQuality> vendorQuality(ClickHouseDatabase database, int blockRows) {
        return new ClickHouseSink<>("vendor_quality", database, (db, rows) -> new VendorQualityTable(db).insert(rows),
                blockRows);
    }

    /** Fraud alerts; an alert's updates share its id, and the table keeps the latest. */
    public static ClickHouseSink<RaisedAlert> fraudAlerts(ClickHouseDatabase database, int blockRows) {
        return new ClickHouseSink<>("fraud_alerts", database, (db, rows) -> new FraudAlertTable(db).insert(rows),
                blockRows);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        JdbcDrivers.releaseWith(context.getUserCodeClassLoader());
        return new Writer(context.getProcessingTimeService());
    }

    private final class Writer implements SinkWriter<T> {
        private final List<T> block = new ArrayList<>();
        private final ProcessingTimeService time;
        private boolean flushDue;

        Writer(ProcessingTimeService time) {
            this.time = time;
        }

        @Override
        public void write(T row, Context context) throws IOException {
            if (block.isEmpty() && !flushDue) {
                flushDue = true;
                time.registerTimer(time.getCurrentProcessingTime() + MAX_BLOCK_AGE_MS, now -> {
                    flushDue = false;
                    flush(false);
                });
            }
            block.add(row);
            if (block.size() >= blockRows) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (block.isEmpty()) {
                return;
            }
            try {
                table.insert(database, block);
            } catch (SQLException e) {
                throw new IOException(block.size() + " rows could not be written to " + tableName + " in "
                        + database + ": " + e.getMessage(), e);
            }
            block.clear();
        }

        @Override
        public void close() {
            block.clear();
        }
    }
}
