package io.tollgate.ingest.config;

import java.util.List;
import java.util.Map;

/**
 * The environment variables that override the file, so one file serves a laptop, CI and production: every
 * {@code tollgate} command reads them (a command-line option wins over both), and {@code infra/stack} the same names.
 * A blank value counts as unset.
 */
public final class EnvironmentOverrides {
    public static final String CONFIG = "TOLLGATE_CONFIG";
    public static final String KAFKA_BOOTSTRAP = "TOLLGATE_KAFKA_BOOTSTRAP";
    public static final String CLICKHOUSE_URL = "TOLLGATE_CLICKHOUSE_URL";
    public static final String CLICKHOUSE_DATABASE = "TOLLGATE_CLICKHOUSE_DATABASE";
    public static final String CLICKHOUSE_USER = "TOLLGATE_CLICKHOUSE_USER";
    public static final String CLICKHOUSE_PASSWORD = "TOLLGATE_CLICKHOUSE_PASSWORD";
    public static final String ARI_URL = "TOLLGATE_ARI_URL";
    public static final String ARI_USER = "TOLLGATE_ARI_USER";
    public static final String ARI_PASSWORD = "TOLLGATE_ARI_PASSWORD";
    public static final String FLINK_REST = "TOLLGATE_FLINK_REST";

    /** Every variable that overrides a value of the file. */
    public static final List<String> ALL = List.of(KAFKA_BOOTSTRAP, CLICKHOUSE_URL, CLICKHOUSE_DATABASE, CLICKHOUSE_USER,
            CLICKHOUSE_PASSWORD, ARI_URL, ARI_USER, ARI_PASSWORD, FLINK_REST);

    private final Map<String, String> env;

    EnvironmentOverrides(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The variable's value, or null when unset or blank. */
    String get(String variable) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? null : value;
    }
}
