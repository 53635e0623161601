package io.tollgate.jobs;

import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.jobs.fraud.OpenAlerts;
import io.tollgate.jobs.fraud.features.FeatureSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The fraud job's arguments, the same for the embedded MiniCluster and a submitted job jar: {@value #USAGE}
 * The rules and thresholds it starts with are the config's {@code fraud} section; {@code tollgate fraud deploy}
 * replaces them while it runs. A new job starts with the traffic from now on ({@code --from latest}): judged on months
 * of history, it would raise stale alerts and block customers for attacks long over.
 */
public record FraudJobOptions(Path config, String name, boolean fromEarliest, String checkpoints,
                              Duration checkpointInterval, Duration updateEvery, Duration closeAfter,
                              String topicPrefix, String clickhouseDatabase) implements JobOptions {

    public static final String USAGE = "--config FILE [--name tollgate-fraud] [--from latest|earliest]"
            + " [--checkpoints file:///DIR] [--checkpoint-interval PT5S] [--alert-update-every PT10S]"
            + " [--alert-close-after PT15M] [--topic-prefix PREFIX] [--clickhouse-database NAME]";

    public static final List<String> KNOWN = List.of("config", "name", "from", "checkpoints", "checkpoint-interval",
            "alert-update-every", "alert-close-after", "topic-prefix", "clickhouse-database");

    public static FraudJobOptions parse(String[] args) {
        JobArgs p = JobArgs.parse(args, KNOWN, USAGE);
        return new FraudJobOptions(p.config(), p.get("name", "tollgate-fraud"), p.fromEarliest("latest"), p.checkpoints(),
                p.duration("checkpoint-interval", "PT5S"), p.duration("alert-update-every", "PT10S"),
                p.duration("alert-close-after", "PT15M"), p.get("topic-prefix", ""),
                p.get("clickhouse-database", null));
    }

    public FraudPipeline.Settings settings() throws Exception {
        TollgateConfig loaded = TollgateConfig.load(config);
        return new FraudPipeline.Settings(loaded.services().kafkaBootstrap(), name,
                FraudPipeline.FraudTopics.prefixed(topicPrefix), JobArgs.clickhouse(loaded, clickhouseDatabase),
                loaded.fraud(), loaded.customerZones(), FeatureSettings.DEFAULT,
                new OpenAlerts.Pacing(updateEvery, closeAfter), fromEarliest, null);
    }

    @Override
    public List<String> describe() throws Exception {
        return settings().describe();
    }

    @Override
    public StreamExecutionEnvironment environment() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration());
        FraudPipeline.build(env, settings());
        return env;
    }

    public Configuration flinkConfiguration() {
        return JobArgs.flinkConfiguration(checkpoints, checkpointInterval);
    }
}
