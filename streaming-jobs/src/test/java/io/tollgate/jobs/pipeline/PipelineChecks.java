package io.tollgate.jobs.pipeline;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.math.BigDecimal;
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
 * What a pipeline run on the local stack is held to, wherever the job runs (MiniCluster or the standalone cluster):
 * synthetic calls in, then every call rated once, with revenue and cost equal to the ground truth.
 */
public final class PipelineChecks {
    private PipelineChecks() {
    }

    /** {@code n} calls of the rig's run, set up 37 ms apart. */
    public static List<SyntheticCalls.Call> calls(PipelineRig rig, int n) throws Exception {
        SyntheticCalls generator = new SyntheticCalls(rig.decks(), 42, rig.runId);
        List<SyntheticCalls.Call> calls = new ArrayList<>(n);
        Instant start = Instant.parse("2026-11-20T08:00:00Z");
        for (int i = 0; i < n; i++) {
            calls.add(generator.call(i, start.plusMillis(i * 37L)));
        }
        return calls;
    }

    /**
     * Sends the calls' events: each call's out of order within the call, one in twenty events twice; at most
     * {@code callsPerSecond} calls a second (0: as fast as Kafka takes them).
     */
    public static void send(PipelineRig rig, List<SyntheticCalls.Call> calls, int callsPerSecond)
            throws InterruptedException {
        Random random = new Random(7);
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = rig.producer()) {
            int sent = 0;
            for (SyntheticCalls.Call call : calls) {
                List<CallEvent> events = new ArrayList<>(call.events());
                for (CallEvent e : call.events()) {
                    if (random.nextInt(20) == 0) {
                        events.add(e);
                    }
                }
                Collections.shuffle(events, random);
                events.forEach(e -> rig.send(producer, e));
                sent++;
                if (callsPerSecond > 0 && sent % 100 == 0) {
                    long due = started + sent * 1_000_000_000L / callsPerSecond;
                    long ahead = due - System.nanoTime();
                    if (ahead > 0) {
                        producer.flush();
                        Thread.sleep(ahead / 1_000_000); // the pace itself: the calls are due later
                    }
                }
            }
        }
    }

    /** Waits until the table holds {@code rows} rows under FINAL. */
    public static void awaitRows(RatedCdrTable table, long rows, Duration patience) throws Exception {
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

    /** One row per call under FINAL, unrated calls kept and flagged, and the sums of the ground truth. */
    public static void assertEveryCallRatedOnce(PipelineRig rig, List<SyntheticCalls.Call> calls) throws Exception {
        RatedCdrTable.Totals totals = new RatedCdrTable(rig.database).totals();
        assertThat(totals.rows()).isEqualTo(calls.size());
        assertThat(totals.distinctCalls()).isEqualTo(calls.size());
        assertThat(totals.unrated()).isEqualTo(calls.stream().filter(c -> c.truth().revenue() == null).count());
        assertSumsPerCurrency(rig, calls);
    }

    /** Revenue and cost per customer (each invoices in its own currency), to the last decimal. */
    public static void assertSumsPerCurrency(PipelineRig rig, List<SyntheticCalls.Call> calls) throws Exception {
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

    public static long count(PipelineRig rig, String sql) throws Exception {
        try (Connection c = rig.database.connect(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
