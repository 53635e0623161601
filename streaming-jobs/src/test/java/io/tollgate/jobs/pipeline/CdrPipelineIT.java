package io.tollgate.jobs.pipeline;

import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.jobs.CdrPipeline;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
            List<SyntheticCalls.Call> calls = PipelineChecks.calls(rig, CALLS);

            JobClient job = start(rig);
            try {
                PipelineChecks.send(rig, calls, 0);
                PipelineChecks.awaitRows(new RatedCdrTable(rig.database), CALLS, Duration.ofMinutes(3));

                PipelineChecks.assertEveryCallRatedOnce(rig, calls);
                assertThat(rig.committedKeys(rig.topics.ratedCdrs(), CALLS, Duration.ofSeconds(60)))
                        .hasSize(CALLS).doesNotHaveDuplicates();
                assertThat(rig.committedKeys(rig.topics.deadLetter(), 0, Duration.ofSeconds(5))).isEmpty();
                // windows closed by the calls' end times reach the agent's topic and the table
                assertThat(rig.committedKeys(rig.topics.vendorQuality(), 1, Duration.ofSeconds(30)))
                        .contains("vendor-a|44", "vendor-c|49");
                assertThat(PipelineChecks.count(rig,
                        "SELECT count() FROM vendor_quality FINAL WHERE vendor_id = 'vendor-b'")).isPositive();
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
}
