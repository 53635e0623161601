package io.tollgate.jobs.pipeline;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.jobs.CdrPipeline;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the local stack's Kafka and ClickHouse, in an embedded MiniCluster: N calls in, exactly N rated CDRs out,
 * with revenue and cost equal, to the last decimal, to the ground truth priced straight from the decks.
 */
class CdrPipelineIT {
    private static final int CALLS = 3_000;

    @TempDir
    Path checkpoints;

    @Test
    void everyCallIsRatedOnceAndTheSumsMatchTheGroundTruth() throws Exception {
        try (PipelineRig rig = new PipelineRig()) {
            SyntheticCalls generator = new SyntheticCalls(rig.decks(), 42, rig.runId);
            List<SyntheticCalls.Call> calls = new ArrayList<>();
            Instant start = Instant.parse("2026-11-20T08:00:00Z");
            for (int i = 0; i < CALLS; i++) {
                calls.add(generator.call(i, start.plusMillis(i * 37L)));
            }

            JobClient job = start(rig);
            try {
                send(rig, calls);
                RatedCdrTable table = new RatedCdrTable(rig.database);
                awaitRows(table, CALLS, Duration.ofMinutes(3));

                RatedCdrTable.Totals totals = table.totals();
                assertThat(totals.rows()).isEqualTo(CALLS);
                assertThat(totals.distinctCalls()).isEqualTo(CALLS);
                assertThat(totals.unrated()).isEqualTo(calls.stream().filter(c -> c.truth().revenue() == null).count());
                assertSumsPerCurrency(rig, calls);
                assertThat(rig.committedKeys(rig.topics.ratedCdrs(), CALLS, Duration.ofSeconds(60)))
                        .hasSize(CALLS).doesNotHaveDuplicates();
                assertThat(rig.committedKeys(rig.topics.deadLetter(), 0, Duration.ofSeconds(5))).isEmpty();
                // windows closed by the calls' end times reach the agent's topic and the table
                assertThat(rig.committedKeys(rig.topics.vendorQuality(), 1, Duration.ofSeconds(30)))
                        .contains("vendor-a|44", "vendor-c|49");
                assertThat(count(rig, "SELECT count() FROM vendor_quality FINAL WHERE vendor_id = 'vendor-b'"))
                        .isPositive();
            } finally {
                job.cancel().get();
            }
        }
    }

    private JobClient start(PipelineRig rig) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        CdrPipeline.build(env, rig.settings(Duration.ofSeconds(5)));
        return env.executeAsync("cdr-pipeline-it");
    }

    /** Each call's events out of order within the call, and one in twenty events sent twice. */
    private static void send(PipelineRig rig, List<SyntheticCalls.Call> calls) {
        Random random = new Random(7);
        try (KafkaProducer<byte[], byte[]> producer = rig.producer()) {
            for (SyntheticCalls.Call call : calls) {
                List<CallEvent> events = new ArrayList<>(call.events());
                for (CallEvent e : call.events()) {
                    if (random.nextInt(20) == 0) {
                        events.add(e);
                    }
                }
                Collections.shuffle(events, random);
                events.forEach(e -> rig.send(producer, e));
            }
        }
    }

    private static long count(PipelineRig rig, String sql) throws Exception {
        try (Connection c = rig.database.connect(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitRows(RatedCdrTable table, long rows, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = table.totals().rows();
            if (seen >= rows) {
                return;
            }
            Thread.sleep(500); // polling ClickHouse for the condition itself
        }
        throw new AssertionError("rated_cdrs has " + seen + " of " + rows + " rows after " + patience);
    }

    private static void assertSumsPerCurrency(PipelineRig rig, List<SyntheticCalls.Call> calls) throws Exception {
        for (String customer : List.of("acme", "globex")) {
            BigDecimal revenue = calls.stream().map(SyntheticCalls.Call::truth)
                    .filter(t -> t.customer().equals(customer) && t.revenue() != null)
                    .map(SyntheticCalls.Truth::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal cost = calls.stream().map(SyntheticCalls.Call::truth)
                    .filter(t -> t.customer().equals(customer) && t.revenue() != null)
                    .map(SyntheticCalls.Truth::cost).filter(Objects::nonNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            try (Connection c = rig.database.connect(); var q = c.prepareStatement("SELECT sum(customer_amount),"
                    + " sum(vendor_amount), count() FROM rated_cdrs FINAL WHERE customer_id = ? AND rating_reason = ''")) {
                q.setString(1, customer);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBigDecimal(1)).as("revenue of " + customer).isEqualByComparingTo(revenue);
                    assertThat(rs.getBigDecimal(2)).as("cost of " + customer + "'s calls").isEqualByComparingTo(cost);
                    assertThat(revenue.signum()).isPositive();
                }
            }
        }
    }
}
