package io.tollgate.app;

import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.jobs.CdrPipeline;
import io.tollgate.jobs.cluster.FlinkRest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate jobs submit|list|cancel} against the local standalone Flink cluster (infra/stack up flink), with
 * the job jar the build left in streaming-jobs/target (no --jar) and topics of its own. No call events are sent, so
 * nothing is written to ClickHouse; the fault tests of the same job jar are streaming-jobs' CdrJobClusterIT.
 */
class JobsCommandIT {
    private static final Pattern SUBMITTED = Pattern.compile("submitted job ([0-9a-f]{32}) ");

    @Test
    void aSubmittedJobIsListedAndThenCanceled() throws Exception {
        FlinkRest cluster = new FlinkRest(LocalStack.flinkRest());
        String bootstrap = LocalStack.kafkaBootstrap();
        String run = "jobsit" + UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = CdrPipeline.PipelineTopics.prefixed(run + ".").all();
        String config = LocalStack.checkout().resolve("tollgate.yaml").toString();
        String jobId = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            short replication = (short) Math.min(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, replication)).toList())
                    .all().get(60, TimeUnit.SECONDS);
            try {
                CommandRun submit = CommandRun.of("jobs", "submit", "--config", config, "--parallelism", "1",
                        "--name", run, "--topic-prefix", run + ".", "--clickhouse-database", "jobs_it_unwritten");
                assertThat(submit.exitCode()).as(submit.err()).isZero();
                Matcher submitted = SUBMITTED.matcher(submit.out());
                assertThat(submitted.find()).as(submit.out()).isTrue();
                jobId = submitted.group(1);
                assertThat(submit.out()).contains("uploading ", "-job.jar", "(" + run + ")",
                        "reads call events from " + run + ".tollgate.call-events",
                        "checkpoints every 5s to file:", "tollgate jobs cancel " + jobId);
                // the cluster knows it by the id printed, under its name
                assertThat(cluster.job(jobId).path("name").asText()).isEqualTo(run);

                CommandRun list = CommandRun.of("jobs", "list", "--config", config);
                assertThat(list.exitCode()).as(list.err()).isZero();
                assertThat(list.lines()[0]).startsWith("ID").contains("NAME", "STATE", "START");
                assertThat(line(list, jobId)).contains(run).containsPattern("INITIALIZING|CREATED|RUNNING")
                        .containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

                CommandRun cancel = CommandRun.of("jobs", "cancel", "--config", config, jobId);
                assertThat(cancel.exitCode()).as(cancel.err()).isZero();
                assertThat(cancel.out()).contains("job " + jobId + " canceled");
                assertThat(line(CommandRun.of("jobs", "list", "--config", config), jobId)).contains("CANCELED");

                CommandRun again = CommandRun.of("jobs", "cancel", "--config", config, jobId);
                assertThat(again.exitCode()).isZero();
                assertThat(again.out()).contains("has already ended: CANCELED");
            } finally {
                if (jobId != null && !FlinkRest.ENDED.contains(cluster.job(jobId).path("state").asText())) {
                    cluster.cancel(jobId);
                    cluster.awaitState(jobId, Set.of("CANCELED"), Duration.ofSeconds(60));
                }
                admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static String line(CommandRun run, String jobId) {
        return Arrays.stream(run.lines()).filter(l -> l.startsWith(jobId)).findFirst()
                .orElseThrow(() -> new AssertionError("job " + jobId + " not listed:\n" + run.out() + run.err()));
    }
}
