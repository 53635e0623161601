package io.tollgate.jobs;

import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.jobs.rating.DeckCatalog;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The CDR job's arguments, the same for the embedded MiniCluster and a submitted job jar ({@code --name value}):
 * {@value #USAGE}
 */
public record CdrJobOptions(Path config, String name, boolean fromEarliest, Duration callTimeout, Duration grace,
                            Duration closedRetention, int blockRows, String checkpoints,
                            Duration checkpointInterval, String topicPrefix, String clickhouseDatabase)
        implements JobOptions {

    /** Rows per ClickHouse insert at most (a block also goes when a second old, and before each checkpoint). */
    public static final int BLOCK_ROWS = 20_000;

    public static final String USAGE = "--config FILE [--name tollgate-cdr] [--from earliest|latest]"
            + " [--call-timeout PT4H] [--grace PT10S] [--closed-retention PT30S] [--block-rows " + BLOCK_ROWS + "]"
            + " [--checkpoints file:///DIR] [--checkpoint-interval PT5S] [--topic-prefix PREFIX]"
            + " [--clickhouse-database NAME]";

    /** Every option of {@link #USAGE}, without its dashes. */
    public static final List<String> KNOWN = List.of("config", "name", "from", "call-timeout", "grace",
            "closed-retention", "block-rows", "checkpoints", "checkpoint-interval", "topic-prefix",
            "clickhouse-database");

    public static CdrJobOptions parse(String[] args) {
        JobArgs p = JobArgs.parse(args, KNOWN, USAGE);
        return new CdrJobOptions(p.config(), p.get("name", "tollgate-cdr"), p.fromEarliest("earliest"),
                p.duration("call-timeout", "PT4H"), p.duration("grace", "PT10S"),
                p.duration("closed-retention", "PT30S"), p.positive("block-rows", Integer.toString(BLOCK_ROWS)),
                p.checkpoints(),
                p.duration("checkpoint-interval", "PT5S"), p.get("topic-prefix", ""),
                p.get("clickhouse-database", null));
    }

    /**
     * The pipeline's settings, with the services and decks of the configuration file; {@code --topic-prefix} puts
     * every topic behind a prefix and {@code --clickhouse-database} writes to another database of the same server,
     * so that a test or a trial run meets nobody else's traffic.
     */
    public CdrPipeline.Settings settings() throws Exception {
        TollgateConfig loaded = TollgateConfig.load(config);
        return new CdrPipeline.Settings(loaded.services().kafkaBootstrap(), name,
                CdrPipeline.PipelineTopics.prefixed(topicPrefix), JobArgs.clickhouse(loaded, clickhouseDatabase),
                DeckCatalog.of(loaded, loaded.fxRates()), callTimeout, grace, closedRetention, blockRows,
                fromEarliest, CdrPipeline.Quality.DEFAULT, null);
    }

    @Override
    public List<String> describe() throws Exception {
        return settings().describe();
    }

    @Override
    public StreamExecutionEnvironment environment() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration());
        CdrPipeline.build(env, settings());
        return env;
    }

    /** Checkpoints and restarts as every job has them ({@link JobArgs#flinkConfiguration}). */
    public Configuration flinkConfiguration() {
        return JobArgs.flinkConfiguration(checkpoints, checkpointInterval);
    }
}
