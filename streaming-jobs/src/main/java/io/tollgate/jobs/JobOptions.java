package io.tollgate.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** A streaming job's parsed arguments: what {@code tollgate jobs run|submit --job NAME} needs of any job. */
public interface JobOptions {

    /** The jobs there are, by the name {@code --job} takes. */
    enum Kind {
        CDR(CdrJob.class, CdrJobOptions.USAGE),
        FRAUD(FraudJob.class, FraudJobOptions.USAGE);

        private final Class<?> main;
        private final String usage;

        Kind(Class<?> main, String usage) {
            this.main = main;
            this.usage = usage;
        }

        /** The class whose {@code main} a cluster runs. */
        public String mainClass() {
            return main.getName();
        }

        public String usage() {
            return usage;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public JobOptions parse(String[] args) {
            return this == CDR ? CdrJobOptions.parse(args) : FraudJobOptions.parse(args);
        }
    }

    String name();

    String checkpoints();

    Duration checkpointInterval();

    /** What the job reads and writes, a line each; loads the configuration, so it also checks it. */
    List<String> describe() throws Exception;

    /**
     * The job on the environment this program runs in: the cluster a submitted jar runs on, else a MiniCluster in
     * this process.
     */
    StreamExecutionEnvironment environment() throws Exception;

    /** Runs the job until it ends: what a job jar's {@code main} does. */
    default void run() throws Exception {
        environment().execute(name());
    }
}
