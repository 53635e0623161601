package io.tollgate.jobs;

import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.jobs.rating.DeckCatalog;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.util.ParameterTool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The CDR job's arguments, the same for the embedded MiniCluster and a submitted job jar ({@code --name value}):
 * {@value #USAGE}
 */
public record CdrJobOptions(Path config, String name, boolean fromEarliest, Duration callTimeout, Duration grace,
                            Duration closedRetention, int blockRows, String checkpoints,
                            Duration checkpointInterval, String topicPrefix, String clickhouseDatabase) {

    public static final String USAGE = "--config FILE [--name tollgate-cdr] [--from earliest|latest]"
            + " [--call-timeout PT4H] [--grace PT10S] [--closed-retention PT30S] [--block-rows 20000]"
            + " [--checkpoints file:///DIR] [--checkpoint-interval PT5S] [--topic-prefix PREFIX]"
            + " [--clickhouse-database NAME]";

    /** Every option of {@link #USAGE}, without its dashes. */
    public static final List<String> KNOWN = List.of("config", "name", "from", "call-timeout", "grace",
            "closed-retention", "block-rows", "checkpoints", "checkpoint-interval", "topic-prefix",
            "clickhouse-database");

    /** What ParameterTool holds for an option given without a value (its protected NO_VALUE_KEY). */
    private static final String NO_VALUE = "__NO_VALUE_KEY";

    public static CdrJobOptions parse(String[] args) {
        ParameterTool p = ParameterTool.fromArgs(args);
        for (var option : p.toMap().entrySet()) {
            if (!KNOWN.contains(option.getKey())) {
                throw new IllegalArgumentException("unknown option --" + option.getKey() + "; usage: " + USAGE);
            }
            if (NO_VALUE.equals(option.getValue())) {
                throw new IllegalArgumentException("--" + option.getKey() + " needs a value; usage: " + USAGE);
            }
        }
        if (!p.has("config")) {
            throw new IllegalArgumentException("--config FILE is required; usage: " + USAGE);
        }
        String from = p.get("from", "earliest");
        if (!from.equals("earliest") && !from.equals("latest")) {
            throw new IllegalArgumentException("--from must be earliest or latest, got '" + from + "'");
        }
        return new CdrJobOptions(Path.of(p.get("config")), p.get("name", "tollgate-cdr"), from.equals("earliest"),
                duration(p, "call-timeout", "PT4H"), duration(p, "grace", "PT10S"),
                duration(p, "closed-retention", "PT30S"), positive(p, "block-rows", "20000"),
                p.get("checkpoints", Path.of(System.getProperty("java.io.tmpdir"), "tollgate-checkpoints").toUri()
                        .toString()),
                duration(p, "checkpoint-interval", "PT5S"), p.get("topic-prefix", ""),
                p.get("clickhouse-database"));
    }

    private static int positive(ParameterTool p, String key, String fallback) {
        String text = p.get(key, fallback);
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + key + " must be a whole number above 0, got '" + text + "'");
    }

    private static Duration duration(ParameterTool p, String key, String fallback) {
        String text = p.get(key, fallback);
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + key + " must be an ISO-8601 duration like " + fallback
                    + ", got '" + text + "'");
        }
    }

    /**
     * The pipeline's settings, with the services and decks of the configuration file; {@code --topic-prefix} puts
     * every topic behind a prefix and {@code --clickhouse-database} writes to another database of the same server,
     * so that a test or a trial run meets nobody else's traffic.
     */
    public CdrPipeline.Settings settings() throws Exception {
        TollgateConfig loaded = TollgateConfig.load(config);
        ClickHouseDatabase clickhouse = ClickHouseDatabase.of(loaded.services().clickhouse());
        if (clickhouseDatabase != null) {
            clickhouse = new ClickHouseDatabase(clickhouse.url(), clickhouseDatabase, clickhouse.credentials());
        }
        return new CdrPipeline.Settings(loaded.services().kafkaBootstrap(), name,
                CdrPipeline.PipelineTopics.prefixed(topicPrefix), clickhouse, DeckCatalog.of(loaded, loaded.fxRates()),
                callTimeout, grace, closedRetention, blockRows, fromEarliest, CdrPipeline.Quality.DEFAULT);
    }

    /**
     * Checkpoints to the filesystem (the in-memory default refuses state above 5 MB and then restarts forever),
     * exactly once, and restarts that keep trying while a service is away.
     */
    public Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints);
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(10));
        return conf;
    }
}
