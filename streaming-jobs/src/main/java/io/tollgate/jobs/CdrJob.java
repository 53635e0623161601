package io.tollgate.jobs;

/** The CDR pipeline as a Flink program: the job jar's entry point, and what {@code tollgate jobs run} starts. */
public final class CdrJob {
    private CdrJob() {
    }

    public static void main(String[] args) throws Exception {
        CdrJobOptions.parse(args).run();
    }
}
