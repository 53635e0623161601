package io.tollgate.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The fraud pipeline as a Flink program: a job jar entry point, and what {@code tollgate jobs run fraud} starts. */
public final class FraudJob {
    private FraudJob() {
    }

    public static void main(String[] args) throws Exception {
        FraudJobOptions options = FraudJobOptions.parse(args);
        environment(options, options.settings()).execute(options.name());
    }

    public static StreamExecutionEnvironment environment(FraudJobOptions options, FraudPipeline.Settings settings) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                options.flinkConfiguration());
        FraudPipeline.build(env, settings);
        return env;
    }
}
