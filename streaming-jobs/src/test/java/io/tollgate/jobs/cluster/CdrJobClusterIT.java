package io.tollgate.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.jobs.CdrJob;
import io.tollgate.jobs.pipeline.PipelineChecks;
import io.tollgate.jobs.pipeline.PipelineRig;
import io.tollgate.jobs.pipeline.SyntheticCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job jar on the local standalone cluster (infra/stack: a JobManager and two TaskManagers, started once for
 * this class), each run on topics and a database of its own, with a fault in the middle: a TaskManager killed, or
 * ClickHouse restarted. After recovery every call is still rated exactly once: N rows under FINAL, the sums of the
 * ground truth, N distinct keys and no key twice on the rated-CDR topic (read_committed). The ClickHouse sink writes
 * blocks of 100 rows, so the restart from the last checkpoint rewrites rows already stored: the rows as stored
 * (merges stopped) exceed N, and FINAL still counts N.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdrJobClusterIT {
    private static final int CALLS = 20_000;
    /** 20 s of traffic, so the fault lands while events still arrive. */
    private static final int CALLS_PER_SECOND = 1_000;
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    /**
     * A call whose END came before some of its events waits this long for them: the jobs' default, shorter than a
     * recovery and than the checkpoint alignments seen here (up to 12.6 s on a loaded CI machine). So grace timers
     * fall due while the job is down, just after its restore, and while a barrier holds a call's partition; in each
     * case the call must wait for its events rather than close without them (the dead-letter topic stays empty).
     */
    private static final String GRACE = "PT10S";

    private FlinkRest cluster;
    private String jarId;
    private int slots;

    @BeforeAll
    void uploadTheJobJar() throws Exception {
        LocalStack.stack("up", "flink"); // a no-op when it runs; the tests below restart parts of it
        cluster = new FlinkRest(LocalStack.flinkRest());
        slots = cluster.overview().path("slots-total").asInt();
        jarId = cluster.uploadJar(jobJar());
    }

    @AfterAll
    void deleteTheJobJar() throws Exception {
        if (jarId != null) {
            cluster.deleteJar(jarId);
        }
    }

    /** The shaded jar of this module's package phase, which runs before failsafe. */
    private static Path jobJar() throws Exception {
        Path jar = Path.of(System.getProperty("tollgate.jobJar", "target/missing-job.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no job jar at " + jar.toAbsolutePath()
                    + ": run the integration tests through Maven (mvn -pl streaming-jobs verify), whose package"
                    + " phase builds it");
        }
        return jar;
    }

    @Test
    void aTaskManagerKilledMidRunLosesAndRepeatsNothing() throws Exception {
        long pid = LocalStack.pid("flink-taskmanager-1");
        runWithFault("TaskManager 1 (pid " + pid + ") killed with SIGKILL, restarted by infra/stack up flink", rig -> {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
            try {
                LocalStack.stack("up", "flink"); // starts just the dead TaskManager, waits for its registration
            } finally {
                assertThat(LocalStack.pid("flink-taskmanager-1")).isNotEqualTo(pid);
            }
        });
    }

    @Test
    void clickHouseRestartedMidRunLosesAndRepeatsNothing() throws Exception {
        runWithFault("ClickHouse stopped for 10 s, then started again", rig -> {
            LocalStack.stack("down", "clickhouse");
            try {
                Thread.sleep(10_000); // the outage itself: longer than a checkpoint interval, so the sink meets it
            } finally {
                LocalStack.stack("up", "clickhouse"); // the scratch database (Atomic, on disk) is still there
            }
            stopMerges(rig); // a restarted server merges again
        });
    }

    @FunctionalInterface
    private interface Fault {
        void inject(PipelineRig rig) throws Exception;
    }

    /**
     * Merges would fold repeated rows together in the background; stopped on the scratch table, the rows as stored
     * are every row the sink wrote, so their count shows how many the replay wrote twice and FINAL counted once.
     */
    private static void stopMerges(PipelineRig rig) throws Exception {
        try (Connection c = rig.database.connect(); Statement st = c.createStatement()) {
            st.execute("SYSTEM STOP MERGES " + rig.database.database() + ".rated_cdrs");
        }
    }

    private void runWithFault(String fault, Fault inject) throws Exception {
        try (PipelineRig rig = new PipelineRig()) {
            List<SyntheticCalls.Call> calls = PipelineChecks.calls(rig, CALLS);
            RatedCdrTable table = new RatedCdrTable(rig.database);
            stopMerges(rig);
            String jobId = cluster.runJar(jarId, CdrJob.class.getName(), List.of(
                    "--config", LocalStack.checkout().resolve("tollgate.yaml").toString(), "--name", rig.runId,
                    "--topic-prefix", rig.runId + ".", "--clickhouse-database", rig.database.database(),
                    // a grace shorter than any recovery here: see the note on GRACE
                    "--grace", GRACE, "--block-rows", "100", "--checkpoint-interval", "PT2S",
                    "--checkpoints", Path.of("target/cluster-checkpoints").toAbsolutePath().toUri().toString()),
                    slots);
            try {
                awaitAllTasksRunning(jobId, 0);
                AtomicReference<Throwable> senderFailed = new AtomicReference<>();
                Thread sender = new Thread(() -> {
                    try {
                        PipelineChecks.send(rig, calls, CALLS_PER_SECOND);
                    } catch (Throwable e) {
                        senderFailed.set(e);
                    }
                }, "call-events-sender");
                Instant sendStart = Instant.now();
                sender.start();

                long before = awaitRawRows(table, CALLS / 4);
                Instant faultAt = Instant.now();
                inject.inject(rig);
                Instant faultDone = Instant.now();
                Instant running = awaitRecovery(jobId, faultAt);
                Instant checkpointed = awaitCheckpointAfter(jobId, running);
                sender.join();
                assertThat(senderFailed.get()).isNull();
                PipelineChecks.awaitRows(table, CALLS, PATIENCE);
                Instant allRows = Instant.now();
                long raw = table.rawRows();

                PipelineChecks.assertEveryCallRatedOnce(rig, calls);
                assertThat(raw).as("rows as stored: the replay wrote some again, FINAL counts each call once")
                        .isGreaterThan(CALLS);
                List<String> keys = rig.committedKeys(rig.topics.ratedCdrs(), CALLS, Duration.ofSeconds(60));
                assertThat(keys).hasSize(CALLS).doesNotHaveDuplicates();
                assertThat(rig.committed(rig.topics.deadLetter(), 0, Duration.ofSeconds(5))).isEmpty();
                long restarts = cluster.get("jobs/" + jobId + "/metrics?get=numRestarts").path(0).path("value")
                        .asLong();
                assertThat(restarts).as("the fault made the job restart").isPositive();

                System.out.printf("cluster fault test: %s%n  %d calls sent from %s at %d calls/s; fault at %s"
                                + " with %d rows stored%n  fault injected in %.1f s; job restarted %d time(s), all tasks"
                                + " running again %.1f s after the fault, first checkpoint after that at %.1f s;"
                                + " all %d rows under FINAL at %.1f s%n  raw rows before FINAL: %d (%d written twice);"
                                + " rated-cdrs topic (read_committed): %d records, %d distinct keys%n",
                        fault, CALLS, sendStart, CALLS_PER_SECOND, faultAt, before, seconds(faultAt, faultDone),
                        restarts, seconds(faultAt, running), seconds(faultAt, checkpointed), CALLS,
                        seconds(faultAt, allRows), raw, raw - CALLS, keys.size(), PipelineRig.distinct(keys).size());
            } finally {
                cluster.cancel(jobId);
                cluster.awaitState(jobId, Set.of("CANCELED"), Duration.ofSeconds(60));
            }
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** Rows as stored, before FINAL: the fault is injected once the job has written some, mid-run. */
    private static long awaitRawRows(RatedCdrTable table, long rows) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            long seen = table.rawRows();
            if (seen >= rows) {
                return seen;
            }
            Thread.sleep(200); // polling ClickHouse for the condition itself
        }
        throw new AssertionError("the job wrote fewer than " + rows + " rows within " + PATIENCE);
    }

    /** When the job recorded a failure at or after {@code faultAt}, and then ran every task again. */
    private Instant awaitRecovery(String jobId, Instant faultAt) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : cluster.get("jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
                if (e.path("timestamp").asLong() >= faultAt.toEpochMilli()) {
                    return awaitAllTasksRunning(jobId, e.path("timestamp").asLong());
                }
            }
            Thread.sleep(200); // polling the job's failure history for the condition itself
        }
        throw new AssertionError("job " + jobId + " recorded no failure within " + PATIENCE + " of the fault");
    }

    /** When every task of the job runs, each deployed at or after {@code deployedAfterMs}. */
    private Instant awaitAllTasksRunning(String jobId, long deployedAfterMs) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = cluster.job(jobId);
            assertThat(job.path("state").asText()).as("job " + jobId).isNotIn(FlinkRest.ENDED);
            boolean running = job.path("state").asText().equals("RUNNING") && !job.path("vertices").isEmpty();
            for (JsonNode vertex : job.path("vertices")) {
                running &= vertex.path("status").asText().equals("RUNNING")
                        && vertex.path("tasks").path("RUNNING").asInt() == vertex.path("parallelism").asInt()
                        && vertex.path("start-time").asLong() >= deployedAfterMs;
            }
            if (running) {
                return Instant.now();
            }
            Thread.sleep(200); // polling the job's status for the condition itself
        }
        throw new AssertionError("job " + jobId + " was not running within " + PATIENCE);
    }

    /** When a checkpoint completed after {@code after}: the restarted job writes again and its sinks commit. */
    private Instant awaitCheckpointAfter(String jobId, Instant after) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode completed = cluster.get("jobs/" + jobId + "/checkpoints").path("latest").path("completed");
            if (completed.path("latest_ack_timestamp").asLong() > after.toEpochMilli()) {
                return Instant.ofEpochMilli(completed.path("latest_ack_timestamp").asLong());
            }
            Thread.sleep(200); // polling the checkpoint statistics for the condition itself
        }
        throw new AssertionError("no checkpoint of job " + jobId + " completed after its recovery within " + PATIENCE);
    }
}
