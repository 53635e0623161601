package io.tollgate.jobs.bench;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.jobs.CdrJobOptions;
import io.tollgate.jobs.CdrPipeline;
import io.tollgate.jobs.pipeline.PipelineRig;
import io.tollgate.jobs.pipeline.SyntheticCalls;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CDR pipeline's figures on the local stack (bench/pipeline; BENCHMARKS.md), each phase in an embedded
 * MiniCluster with the job's checkpointing (filesystem, every 2 s):
 * <ol>
 *   <li>throughput: N synthetic calls' events are put in Kafka first; a pass-through job (read, write back
 *       unchanged, exactly once) gives the ceiling; the full pipeline is timed until its N rows are visible;</li>
 *   <li>latency: calls fed at a steady rate, each call's events together; from sending a call's last event to
 *       its row's rated_at (the sink's clock when it inserts the block);</li>
 *   <li>state: the size of a checkpoint holding K calls left open, against one holding none.</li>
 * </ol>
 * Arguments: {@code --calls N --warmup-calls W --parallelism P --latency-cps C --latency-seconds S
 * --open-calls K [--phases throughput,latency,state]}.
 */
public final class PipelineBench {
    /** The job's default ({@code CdrJobOptions}). */
    private static final Duration CHECKPOINTS = Duration.ofSeconds(5);

    private final Map<String, String> args;
    private final Path work;

    private PipelineBench(Map<String, String> args) throws IOException {
        this.args = args;
        this.work = Files.createTempDirectory("pipeline-bench");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new PipelineBench(args).run();
        System.exit(0);
    }

    private int arg(String name, int fallback) {
        return Integer.parseInt(args.getOrDefault(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        int calls = arg("calls", 200_000);
        int parallelism = arg("parallelism", 2);
        List<String> phases = List.of(args.getOrDefault("phases", "throughput,latency,state").split(","));
        if (phases.contains("throughput")) {
            throughput(calls, parallelism);
        }
        if (phases.contains("latency")) {
            latency(parallelism);
        }
        if (phases.contains("state")) {
            state(parallelism);
        }
    }

    /**
     * A warm-up round first (its figures printed but not the result): a job runs for weeks, and in a cold JVM the
     * JIT compiler alone took 45 % of a core through the first 40 s of the pipeline's run.
     */
    private void throughput(int calls, int parallelism) throws Exception {
        int warmup = arg("warmup-calls", 300_000);
        if (warmup > 0) {
            System.out.printf("== warm-up: the same phase with %,d calls%n", warmup);
            throughputRound(warmup, parallelism, "warm-up ");
        }
        System.out.printf("== throughput: %,d calls, parallelism %d%n", calls, parallelism);
        throughputRound(calls, parallelism, "");
    }

    private void throughputRound(int calls, int parallelism, String label) throws Exception {
        try (PipelineRig rig = new PipelineRig()) {
            long events = preload(rig, calls);
            String passTopic = rig.runId + ".passthrough";
            createTopic(rig, passTopic);
            StreamExecutionEnvironment pass = environment(parallelism, "pass");
            PassThroughJob.build(pass, rig.bootstrap, rig.topics.callEvents(), passTopic, rig.runId + "-pass");
            JobExecutionResult passed = pass.execute("pass-through");
            deleteTopic(rig, passTopic);
            double passSeconds = passed.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
            System.out.printf("%spass-through: %,d events in %.1f s = %,.0f events/s%n", label, events, passSeconds,
                    events / passSeconds);

            StreamExecutionEnvironment full = environment(parallelism, "full");
            CdrPipeline.build(full, jobDefaults(rig));
            long started = System.nanoTime();
            JobClient job = full.executeAsync("cdr-pipeline");
            awaitRows(rig, calls, Duration.ofMinutes(30));
            double fullSeconds = (System.nanoTime() - started) / 1e9;
            job.cancel().get();
            System.out.printf("%sfull pipeline: %,d calls (%,d events) in %.1f s = %,.0f calls/s, %,.0f events/s"
                            + " = %.0f%% of pass-through%n", label, calls, events, fullSeconds, calls / fullSeconds,
                    events / fullSeconds, 100 * (events / fullSeconds) / (events / passSeconds));
        }
    }

    /** The rig's topics and database with the job's own defaults ({@code tollgate jobs run}). */
    private static CdrPipeline.Settings jobDefaults(PipelineRig rig) {
        return rig.settings(Duration.ofSeconds(10), CdrJobOptions.BLOCK_ROWS);
    }

    private StreamExecutionEnvironment environment(int parallelism, String phase) throws IOException {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINTS);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, Files.createDirectories(work.resolve(phase)).toUri()
                .toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /** Puts every call's events in the call-events topic; returns how many events. */
    private static long preload(PipelineRig rig, int calls) throws Exception {
        SyntheticCalls generator = new SyntheticCalls(rig.decks(), 1, rig.runId);
        Instant start = Instant.parse("2026-11-20T08:00:00Z");
        long events = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = rig.producer()) {
            for (int i = 0; i < calls; i++) {
                for (CallEvent e : generator.call(i, start.plusMillis(i * 3L)).events()) {
                    rig.send(producer, e);
                    events++;
                }
            }
        }
        rig.assertAllSent();
        System.out.printf("preloaded %,d events (%.1f per call) in %.1f s%n", events, (double) events / calls,
                (System.nanoTime() - t0) / 1e9);
        return events;
    }

    private void latency(int parallelism) throws Exception {
        int cps = arg("latency-cps", 2_000);
        int seconds = arg("latency-seconds", 60);
        try (PipelineRig rig = new PipelineRig()) {
            System.out.printf("== latency: %,d calls/s for %d s%n", cps, seconds);
            StreamExecutionEnvironment env = environment(parallelism, "latency");
            CdrPipeline.build(env, jobDefaults(rig));
            JobClient job = env.executeAsync("cdr-pipeline-latency");
            awaitRunning(job);
            SyntheticCalls generator = new SyntheticCalls(rig.decks(), 2, rig.runId);
            Map<String, Long> lastSent = new HashMap<>();
            long begin = System.nanoTime();
            int total = cps * seconds;
            try (KafkaProducer<byte[], byte[]> producer = rig.producer()) {
                for (int i = 0; i < total; i++) {
                    long due = begin + (long) (i * 1e9 / cps);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // pacing the feed, not waiting for a result
                    }
                    SyntheticCalls.Call call = generator.call(i, Instant.now());
                    call.events().forEach(e -> rig.send(producer, e));
                    lastSent.put(call.truth().callId(), System.currentTimeMillis());
                }
            }
            awaitRows(rig, total, Duration.ofMinutes(5));
            job.cancel().get();
            List<Long> latencies = new ArrayList<>();
            try (Connection c = rig.database.connect(); var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT call_id, toUnixTimestamp64Milli(rated_at) FROM rated_cdrs")) {
                while (rs.next()) {
                    Long sent = lastSent.get(rs.getString(1));
                    if (sent != null) {
                        latencies.add(rs.getLong(2) - sent);
                    }
                }
            }
            latencies.sort(Comparator.naturalOrder());
            System.out.printf("last event to row: p50 %,d ms, p90 %,d ms, p99 %,d ms, max %,d ms over %,d calls%n",
                    pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies.get(latencies.size() - 1),
                    latencies.size());
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private void state(int parallelism) throws Exception {
        int open = arg("open-calls", 50_000);
        try (PipelineRig rig = new PipelineRig()) {
            System.out.printf("== state: %,d calls left open%n", open);
            Path dir = work.resolve("state");
            StreamExecutionEnvironment env = environment(parallelism, "state");
            CdrPipeline.build(env, jobDefaults(rig));
            JobClient job = env.executeAsync("cdr-pipeline-state");
            awaitRunning(job);
            long empty = settledCheckpointBytes(rig, dir, job);
            SyntheticCalls generator = new SyntheticCalls(rig.decks(), 3, rig.runId);
            long sent = 0;
            try (KafkaProducer<byte[], byte[]> producer = rig.producer()) {
                for (int i = 0; i < open; i++) {
                    List<CallEvent> events = generator.call(i, Instant.now()).events();
                    // an answered call in progress: no hangup and no END yet
                    for (CallEvent e : events) {
                        if (e.type() != CallEvent.Type.HANGUP && e.type() != CallEvent.Type.END) {
                            rig.send(producer, e);
                            sent++;
                        }
                    }
                }
            }
            long full = settledCheckpointBytes(rig, dir, job);
            job.cancel().get();
            System.out.printf("checkpoint: %,d bytes with no call open, %,d bytes with %,d open (%.1f events each)"
                    + " = %,.0f bytes per open call%n", empty, full, open, (double) sent / open,
                    (double) (full - empty) / open);
        }
    }

    /** The size of the newest checkpoint taken after the job's consumer caught up with the topic. */
    private long settledCheckpointBytes(PipelineRig rig, Path dir, JobClient job) throws Exception {
        awaitCaughtUp(rig);
        Thread.sleep(3 * CHECKPOINTS.toMillis()); // two more checkpoints hold what was read by now
        Path jobDir = work.resolve("state").resolve(job.getJobID().toString());
        try (Stream<Path> chks = Files.list(jobDir)) {
            Path newest = chks.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))))
                    .orElseThrow();
            try (Stream<Path> files = Files.walk(newest)) {
                return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        }
    }

    /** Waits until the job's consumer group has committed the end of every call-events partition. */
    private static void awaitCaughtUp(PipelineRig rig) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                var committed = admin.listConsumerGroupOffsets(rig.runId).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                for (int p = 0; p < 4; p++) {
                    ends.put(new TopicPartition(rig.topics.callEvents(), p), OffsetSpec.latest());
                }
                var latest = admin.listOffsets(ends).all().get();
                boolean caughtUp = latest.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue().offset()));
                if (caughtUp) {
                    return;
                }
                Thread.sleep(500); // polling the group's committed offsets for the condition itself
            }
            throw new IllegalStateException("the job did not catch up with " + rig.topics.callEvents());
        }
    }

    private static void awaitRunning(JobClient job) throws Exception {
        while (job.getJobStatus().get() != org.apache.flink.api.common.JobStatus.RUNNING) {
            Thread.sleep(100); // polling the job's status for the condition itself
        }
        Thread.sleep(3_000); // sources assign their partitions after the job reports RUNNING
    }

    private static void createTopic(PipelineRig rig, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
    }

    private static void deleteTopic(PipelineRig rig, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        }
    }

    private static void awaitRows(PipelineRig rig, long rows, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = rig.database.connect(); var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count() FROM rated_cdrs FINAL")) {
                rs.next();
                if (rs.getLong(1) >= rows) {
                    return;
                }
            }
            Thread.sleep(250); // polling ClickHouse for the condition itself
        }
        throw new IllegalStateException("rated_cdrs did not reach " + rows + " rows in " + patience);
    }
}
