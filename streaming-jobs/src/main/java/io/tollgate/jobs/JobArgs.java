package io.tollgate.jobs;

import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.TollgateConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.util.ParameterTool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What every job's arguments share: {@code --name value} parsing with clear refusals, and the Flink settings. */
final class JobArgs {
    /** What ParameterTool holds for an option given without a value (its protected NO_VALUE_KEY). */
    private static final String NO_VALUE = "__NO_VALUE_KEY";

    private final ParameterTool p;
    private final String usage;

    private JobArgs(ParameterTool p, String usage) {
        this.p = p;
        this.usage = usage;
    }

    /** Refuses an unknown option, an option without a value, and a missing {@code --config}. */
    static JobArgs parse(String[] args, List<String> known, String usage) {
        ParameterTool p = ParameterTool.fromArgs(args);
        for (var option : p.toMap().entrySet()) {
            if (!known.contains(option.getKey())) {
                throw new IllegalArgumentException("unknown option --" + option.getKey() + "; usage: " + usage);
            }
            if (NO_VALUE.equals(option.getValue())) {
                throw new IllegalArgumentException("--" + option.getKey() + " needs a value; usage: " + usage);
            }
        }
        if (!p.has("config")) {
            throw new IllegalArgumentException("--config FILE is required; usage: " + usage);
        }
        return new JobArgs(p, usage);
    }

    String get(String key, String fallback) {
        return p.get(key, fallback);
    }

    Path config() {
        return Path.of(p.get("config"));
    }

    /** {@code --from}: where a consumer group without offsets starts; {@code fallback} when not given. */
    boolean fromEarliest(String fallback) {
        String from = p.get("from", fallback);
        if (!from.equals("earliest") && !from.equals("latest")) {
            throw new IllegalArgumentException("--from must be earliest or latest, got '" + from + "'");
        }
        return from.equals("earliest");
    }

    String checkpoints() {
        return p.get("checkpoints", Path.of(System.getProperty("java.io.tmpdir"), "tollgate-checkpoints").toUri()
                .toString());
    }

    int positive(String key, String fallback) {
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

    Duration duration(String key, String fallback) {
        String text = p.get(key, fallback);
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + key + " must be an ISO-8601 duration like " + fallback
                    + ", got '" + text + "'; usage: " + usage);
        }
    }

    /** The configuration's ClickHouse, or another database of the same server. */
    static ClickHouseDatabase clickhouse(TollgateConfig loaded, String database) {
        ClickHouseDatabase clickhouse = ClickHouseDatabase.of(loaded.services().clickhouse());
        return database == null ? clickhouse
                : new ClickHouseDatabase(clickhouse.url(), database, clickhouse.credentials());
    }

    /**
     * Checkpoints to the filesystem (the in-memory default refuses state above 5 MB and then restarts forever),
     * exactly once, and restarts that keep trying while a service is away.
     */
    private static final String LOOPBACK = "127.0.0.1";

    static Configuration flinkConfiguration(String checkpoints, Duration interval) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints);
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(10));
        // an embedded MiniCluster's REST endpoint, RPC and blob server listen on every interface unless told
        // otherwise; on a cluster the cluster's own configuration decides and these are not read
        conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        conf.set(RestOptions.ADDRESS, LOOPBACK);
        conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
        conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(TaskManagerOptions.HOST, LOOPBACK);
        return conf;
    }
}
