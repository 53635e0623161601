package io.tollgate.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The CDR pipeline as a Flink program: the job jar's entry point, and what {@code tollgate jobs run} starts. */
public final class CdrJob {
    private CdrJob() {
    }

    public static void main(String[] args) throws Exception {
        CdrJobOptions options = CdrJobOptions.parse(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                options.flinkConfiguration());
        CdrPipeline.build(env, options.settings());
        env.execute(options.name());
    }
}
