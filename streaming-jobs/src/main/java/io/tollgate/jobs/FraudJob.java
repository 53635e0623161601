package io.tollgate.jobs;

/** The fraud pipeline as a Flink program: a job jar entry point, and what {@code tollgate jobs run --job fraud} starts. */
public final class FraudJob {
    private FraudJob() {
    }

    public static void main(String[] args) throws Exception {
        FraudJobOptions.parse(args).run();
    }
}
