package io.tollgate.ingest.clickhouse;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Numbers handed out through claims in ClickHouse (deck versions, invoice numbers), which has no transaction to make
 * "read the maximum, take the next" atomic: each taker inserts a claim and reads the claims back; the first in the
 * table's order wins. A rival that read the same maximum may make its claim visible just after ours was read back,
 * and if it sorts first it wins, so a won claim is read back once more after {@link #SETTLE}: by then the claims of
 * rivals (made within milliseconds of reading the same maximum) are visible, and exactly one taker keeps the number.
 */
public final class NumberClaims {
    public static final Duration SETTLE = Duration.ofMillis(250);

    private NumberClaims() {
    }

    /** Waits for rivals' claims in flight to become visible. */
    public static void settle() throws SQLException {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while claiming a number", e);
        }
    }
}
