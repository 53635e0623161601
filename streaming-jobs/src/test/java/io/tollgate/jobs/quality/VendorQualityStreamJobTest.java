package io.tollgate.jobs.quality;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.quality.VendorQuality;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.tollgate.jobs.quality.Calls.answered;
import static io.tollgate.jobs.quality.Calls.answeredOn;
import static io.tollgate.jobs.quality.Calls.failedOn;
import static io.tollgate.jobs.quality.Calls.unanswered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole step on a local Flink, as the job wires it: CDRs out of order across two parallel instances, stamped by
 * their end, shuffled by vendor × destination, windowed; the end of input closes every window.
 */
class VendorQualityStreamJobTest {
    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");
    private static final String GERMANY = "4915112345678";

    // one cluster for the class, kept up until the results are read: a cluster per job shuts down under its reader
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @Test
    void cdrsBecomeOneQualityPerCellAndWindow() throws Exception {
        List<Cdr> cdrs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Instant end = T.plusSeconds(290 - 10 * i); // newest first: out of order, within the bound
            cdrs.add(i % 4 == 0
                    ? answered(GERMANY, end, "61.5", failedOn("carrier-a", 34, null), answeredOn("carrier-b", 900L))
                    : unanswered(GERMANY, end, Disposition.BUSY, failedOn("carrier-b", 17, 1100L)));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Cdr> stamped = env.fromData(cdrs)
                .assignTimestampsAndWatermarks(VendorQualityStream.cdrEnd(Duration.ofMinutes(5)));

        List<VendorQuality> qualities = new ArrayList<>();
        VendorQualityStream.apply(stamped, Duration.ofMinutes(10), Duration.ofMinutes(5)).executeAndCollect()
                .forEachRemaining(qualities::add);

        // every call ends in [12:00, 12:05), so in the windows starting 11:55 and 12:00, alike; 5 of the 20 calls
        // failed on carrier-a first and were answered on carrier-b for 61.5 s, the other 15 were busy on carrier-b
        List<VendorQuality> expected = new ArrayList<>();
        for (Instant start : List.of(T.minusSeconds(300), T)) {
            Instant end = start.plusSeconds(600);
            expected.add(new VendorQuality("carrier-a", "49", start, end, 5, 0, 0, BigDecimal.ZERO, 0, 0));
            expected.add(new VendorQuality("carrier-b", "49", start, end, 20, 5, 20, new BigDecimal("307.5"), 20,
                    5 * 900 + 15 * 1100));
        }
        assertThat(qualities).containsExactlyInAnyOrderElementsOf(expected);
    }
}
