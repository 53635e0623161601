package io.tollgate.jobs.sink;

import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rated CDRs into ClickHouse {@code rated_cdrs}, exactly once in effect: rows are buffered and inserted in blocks,
 * at the latest before each checkpoint completes (so nothing acknowledged is lost), and a block replayed after a
 * failure rewrites the same call ids at the same rating version, which the table keeps once. A failed insert fails
 * the task; Flink restarts it from the last checkpoint and the block is written again.
 */
public final class ClickHouseRatedCdrSink implements Sink<RatedCdr> {
    private static final long serialVersionUID = 1L;

    private final ClickHouseDatabase database;
    private final int blockRows;

    public ClickHouseRatedCdrSink(ClickHouseDatabase database, int blockRows) {
        this.database = database;
        this.blockRows = blockRows;
    }

    @Override
    public SinkWriter<RatedCdr> createWriter(WriterInitContext context) {
        return new Writer(database, blockRows);
    }

    private static final class Writer implements SinkWriter<RatedCdr> {
        private final ClickHouseDatabase database;
        private final RatedCdrTable table;
        private final int blockRows;
        private final List<RatedCdr> block = new ArrayList<>();

        Writer(ClickHouseDatabase database, int blockRows) {
            this.database = database;
            this.table = new RatedCdrTable(database);
            this.blockRows = blockRows;
        }

        @Override
        public void write(RatedCdr rated, Context context) throws IOException {
            block.add(rated);
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
                table.insert(block, RatedCdrTable.STREAM_VERSION, "stream");
            } catch (SQLException e) {
                throw new IOException("rated CDRs could not be written to ClickHouse " + database + ": "
                        + e.getMessage(), e);
            }
            block.clear();
        }

        @Override
        public void close() {
            block.clear();
        }
    }
}
