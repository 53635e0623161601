package io.tollgate.ingest.clickhouse;

import io.tollgate.core.quality.VendorQuality;
import io.tollgate.ingest.testing.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real ClickHouse of infra/stack: windows go in with their counts and ratios, once per window. */
class VendorQualityTableIT {
    private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant END = START.plusSeconds(900);

    private ScratchDatabase scratch;
    private ClickHouseDatabase database;
    private VendorQualityTable table;

    @BeforeEach
    void freshDatabase() throws Exception {
        scratch = ScratchDatabase.migrated("it_quality_");
        database = new ClickHouseDatabase(scratch.url(), scratch.name(), ScratchDatabase.credentials());
        table = new VendorQualityTable(scratch.url(), scratch.name(), ScratchDatabase.credentials());
    }

    @AfterEach
    void dropDatabase() throws Exception {
        scratch.close();
    }

    /**
     * One row of the table. Decimals compare by value: ClickHouse prints 12.5 for the 12.5000 of a Decimal(18, 4)
     * column, whose scale the table fixes anyway.
     */
    private record Row(String vendor, String destination, Instant windowStart, Instant windowEnd, long attempts,
                       long answered, long effective, BigDecimal answeredS, long pddSamples, long pddSumMs,
                       BigDecimal asr, BigDecimal ner, BigDecimal acdS, BigDecimal pddMs) {
        Row {
            answeredS = byValue(answeredS);
            asr = byValue(asr);
            ner = byValue(ner);
            acdS = byValue(acdS);
            pddMs = byValue(pddMs);
        }

        static Row of(VendorQuality q) {
            return new Row(q.vendor(), q.destination(), q.windowStart(), q.windowEnd(), q.attempts(), q.answered(),
                    q.effective(), q.answeredS(), q.pddSamples(), q.pddSumMs(), q.asr(), q.ner(), q.acdS(), q.pddMs());
        }
    }

    @Test
    void storesTheCountsAndTheRatiosExactly() throws Exception {
        VendorQuality germany = new VendorQuality("carrier-b", "49", START, END, 7, 3, 5, new BigDecimal("201.35"),
                6, 11_003);
        VendorQuality bangladesh = new VendorQuality("carrier-b", "880", START, END, 3, 1, 2, new BigDecimal("12.5"),
                1, 4_200);

        table.insert(List.of(germany, bangladesh));

        assertThat(rows()).containsExactly(Row.of(germany), Row.of(bangladesh));
    }

    @Test
    void aRatioWithNothingToDivideByIsNull() throws Exception {
        VendorQuality failing = new VendorQuality("carrier-a", "44", START, END, 4, 0, 1, BigDecimal.ZERO, 0, 0);

        table.insert(List.of(failing));

        Row row = rows().get(0);
        assertThat(row.acdS()).isNull();
        assertThat(row.pddMs()).isNull();
        assertThat(row).isEqualTo(Row.of(failing));
    }

    @Test
    void aWindowWrittenAgainIsOneRowWithTheLaterCounts() throws Exception {
        VendorQuality first = new VendorQuality("carrier-a", "44", START, END, 2, 1, 1, new BigDecimal("30"), 1, 900);
        VendorQuality again = new VendorQuality("carrier-a", "44", START, END, 3, 2, 2, new BigDecimal("90"), 2, 2000);
        VendorQuality nextWindow = new VendorQuality("carrier-a", "44", START.plusSeconds(300), END.plusSeconds(300),
                1, 1, 1, new BigDecimal("60"), 1, 1100);

        table.insert(List.of(first, nextWindow));
        table.insert(List.of(again));

        assertThat(rows()).containsExactly(Row.of(again), Row.of(nextWindow));
    }

    @Test
    void anEmptyListWritesNothing() throws Exception {
        table.insert(List.of());

        assertThat(rows()).isEmpty();
    }

    private List<Row> rows() throws Exception {
        String sql = "SELECT vendor_id, destination, toUnixTimestamp64Milli(window_start),"
                + " toUnixTimestamp64Milli(window_end), attempts, answered, effective, toString(answered_s),"
                + " pdd_samples, pdd_sum_ms, toString(asr), toString(ner), toString(acd_s), toString(pdd_ms)"
                + " FROM vendor_quality FINAL ORDER BY vendor_id, destination, window_start";
        List<Row> rows = new ArrayList<>();
        try (Connection c = database.connect();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                        decimal(rs.getString(8)), rs.getLong(9), rs.getLong(10), decimal(rs.getString(11)),
                        decimal(rs.getString(12)), decimal(rs.getString(13)), decimal(rs.getString(14))));
            }
        }
        return rows;
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static BigDecimal byValue(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros();
    }
}
