package io.tollgate.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The CDR pipeline as a Flink program: the job jar's entry point, and what {@code tollgate jobs run} starts. */
public final class CdrJob {
    private CdrJob() {
    }

    public static void main(String[] args) throws Exception {
        CdrJobOptions options = CdrJobOptions.parse(args);
        environment(options, options.settings()).execute(options.name());
    }

    /**
     * The pipeline on the environment this program runs in: the cluster a submitted jar runs on, else a MiniCluster
     * in this process; checkpoints and restarts as {@link CdrJobOptions#flinkConfiguration()} says.
     */
    public static StreamExecutionEnvironment environment(CdrJobOptions options, CdrPipeline.Settings settings) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                options.flinkConfiguration());
        CdrPipeline.build(env, settings);
        return env;
    }
}
