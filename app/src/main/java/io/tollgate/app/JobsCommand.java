package io.tollgate.app;

import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.core.csv.BadInputException;
import io.tollgate.jobs.CdrJobOptions;
import io.tollgate.jobs.FraudJobOptions;
import io.tollgate.jobs.JobOptions;
import io.tollgate.jobs.cluster.FlinkRest;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code tollgate jobs}: the streaming jobs, in this process or on a Flink cluster. */
@Command(name = "jobs",
        mixinStandardHelpOptions = true,
        description = {"Runs a streaming job in this process, or submits it to a Flink cluster, and lists and cancels"
                + " the cluster's jobs. --job cdr (the default): call events -> CDRs -> rated CDRs on Kafka and in"
                + " ClickHouse, vendor quality. --job fraud: call events and rated CDRs -> fraud features -> rules ->"
                + " alerts (Kafka, ClickHouse) and automatic blocks."},
        subcommands = {JobsCommand.Run.class, JobsCommand.Submit.class, JobsCommand.ListJobs.class,
            JobsCommand.Cancel.class})
final class JobsCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** --config, the same for every jobs command. */
    static final class ConfigOption {
        @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TOLLGATE_CONFIG:-tollgate.yaml}",
                description = "the configuration: services, customers, vendors and their decks (default:"
                        + " $TOLLGATE_CONFIG, else tollgate.yaml here)")
        Path file;

        /** Absolute: a cluster's JobManager reads the file too, from its own working directory. */
        Path absolute() {
            return file.toAbsolutePath().normalize();
        }

        FlinkRest cluster() throws Exception {
            return new FlinkRest(TollgateConfig.load(file).services().flinkRest());
        }
    }

    /** --job, the same for run and submit. */
    static final class JobOption {
        @Option(names = "--job", paramLabel = "NAME", defaultValue = "cdr",
                description = "which job: cdr or fraud (default: cdr)")
        String name;

        JobOptions.Kind kind() throws BadInputException {
            for (JobOptions.Kind k : JobOptions.Kind.values()) {
                if (k.label().equals(name)) {
                    return k;
                }
            }
            throw Options.bad("--job", "no job '" + name + "'; jobs: cdr, fraud");
        }
    }

    /** The arguments of a job's main: --config with an absolute path, then the job options as given. */
    static List<String> programArgs(Path config, List<String> jobOptions) {
        List<String> args = new ArrayList<>(List.of("--config", config.toString()));
        args.addAll(jobOptions);
        return args;
    }

    /** Parses what the job's main will parse, so a mistake is reported here with exit code 2, not by the cluster. */
    static JobOptions parse(JobOptions.Kind job, List<String> args) throws Exception {
        try {
            return job.parse(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw Options.bad("job options", e.getMessage());
        }
    }

    static IOException unreachable(FlinkRest.Unreachable e) {
        return new IOException(e.getMessage() + "; start the local cluster with: infra/stack up flink, or point"
                + " services.flink.rest ($TOLLGATE_FLINK_REST) at yours", e);
    }

    private static void describe(PrintWriter out, JobOptions options, List<String> lines) {
        lines.forEach(line -> out.println("  " + line));
        out.println("  checkpoints every " + options.checkpointInterval().toString().substring(2).toLowerCase()
                + " to " + options.checkpoints());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            customSynopsis = "tollgate jobs run [-hV] [--config=FILE] [--job=cdr|fraud] [JOB_OPTIONS...]",
            description = {"Runs a job in a Flink MiniCluster inside this process until Ctrl-C (or SIGTERM),"
                    + " which cancels it cleanly. Prints what it reads and writes.",
                "Job options of --job cdr (defaults shown): " + CdrJobOptions.USAGE,
                "Job options of --job fraud: " + FraudJobOptions.USAGE,
                "--name names the consumer group and the Kafka transactions: two pipelines on one Kafka need two"
                    + " names. Durations are ISO-8601; checkpoints default to $TMPDIR/tollgate-checkpoints."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"130:stopped by Ctrl-C (143: by SIGTERM), the job canceled first",
                "1:the job failed, or any other failure", "2:bad input (configuration or job options)"})
    static final class Run implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        JobOption which;

        @Unmatched
        List<String> jobOptions = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            JobOptions options = parse(which.kind(), programArgs(config.absolute(), jobOptions));
            PrintWriter out = spec.commandLine().getOut();
            out.println("job " + options.name() + " in an embedded Flink MiniCluster (this process):");
            describe(out, options, options.describe());
            out.flush();

            JobClient job = options.environment().executeAsync(options.name());
            AtomicBoolean stopping = new AtomicBoolean();
            CountDownLatch ended = new CountDownLatch(1);
            Thread stop = new Thread(() -> {
                stopping.set(true);
                out.println("stopping: cancelling job " + job.getJobID());
                out.flush();
                try {
                    job.cancel().get(30, TimeUnit.SECONDS);
                    ended.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    spec.commandLine().getErr().println("tollgate jobs run: the job did not cancel cleanly: " + e);
                }
            }, "jobs-run-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            out.println("job " + job.getJobID() + " running; Ctrl-C cancels it");
            out.flush();
            try {
                job.getJobExecutionResult().get();
                out.println("job " + job.getJobID() + " finished");
                return Tollgate.OK;
            } catch (ExecutionException e) {
                if (stopping.get()) {
                    out.println("job " + job.getJobID() + " canceled");
                    return Tollgate.OK; // the JVM is shutting down: it exits with the signal's code
                }
                throw new IllegalStateException("job " + job.getJobID() + " failed: " + rootCause(e), e);
            } finally {
                out.flush();
                ended.countDown();
            }
        }

        private static String rootCause(Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return cause.toString();
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            customSynopsis = "tollgate jobs submit [-hV] [--config=FILE] [--job=cdr|fraud] [--jar=PATH]"
                    + " [--parallelism=N] [JOB_OPTIONS...]",
            description = {"Uploads the job jar to the Flink cluster of services.flink.rest ($TOLLGATE_FLINK_REST)"
                    + " and runs the job there with the job options; prints the job id.",
                "The configuration file is passed by its absolute path: the cluster's JobManager must be able to read"
                    + " it (and the decks it names). Without --checkpoints, checkpoints go to the cluster's"
                    + " execution.checkpointing.dir.",
                "Job options: as for `tollgate jobs run`."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:submitted", "1:the cluster refused or did not answer, or any other failure",
                "2:bad input (configuration, job options, --jar)"})
    static final class Submit implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        JobOption which;

        @Option(names = "--jar", paramLabel = "PATH",
                description = "the job jar (default: streaming-jobs/target/tollgate-streaming-jobs-VERSION-job.jar of"
                        + " this checkout, built first if missing)")
        Path jar;

        @Option(names = "--parallelism", paramLabel = "N",
                description = "the job's parallelism (default: the cluster's parallelism.default)")
        Integer parallelism;

        @Unmatched
        List<String> jobOptions = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<String> args = programArgs(config.absolute(), jobOptions);
            JobOptions.Kind kind = which.kind();
            JobOptions options = parse(kind, args);
            List<String> lines = options.describe();
            if (parallelism != null && parallelism < 1) {
                throw Options.bad("--parallelism", "must be at least 1, got " + parallelism);
            }
            if (jar != null && !Files.isRegularFile(jar)) {
                throw Options.bad("--jar", jar + ": no such file");
            }
            Path jobJar = jar != null ? jar : JobJar.locate(spec.commandLine().getErr());
            FlinkRest cluster = config.cluster();
            PrintWriter out = spec.commandLine().getOut();
            try {
                if (!jobOptions.contains("--checkpoints")) {
                    Optional<String> dir = clusterCheckpoints(cluster);
                    if (dir.isPresent()) {
                        args.addAll(List.of("--checkpoints", dir.get()));
                        options = parse(kind, args);
                    }
                }
                out.printf("uploading %s (%d MB) to %s%n", jobJar, Files.size(jobJar) >> 20, cluster.base());
                out.flush();
                String jarId = cluster.uploadJar(jobJar);
                String jobId;
                try {
                    jobId = cluster.runJar(jarId, kind.mainClass(), args, parallelism);
                } finally {
                    cluster.deleteJar(jarId); // the running job keeps its own copy in the cluster's blob store
                }
                String state = cluster.job(jobId).path("state").asText();
                out.println("submitted job " + jobId + " (" + options.name() + "), " + state + ":");
                describe(out, options, lines);
                out.println("see it with `tollgate jobs list`, stop it with `tollgate jobs cancel " + jobId + "`");
            } catch (FlinkRest.Unreachable e) {
                throw unreachable(e);
            }
            return Tollgate.OK;
        }

        private static Optional<String> clusterCheckpoints(FlinkRest cluster) throws Exception {
            Optional<String> dir = cluster.setting("execution.checkpointing.dir");
            return dir.isPresent() ? dir : cluster.setting("state.checkpoints.dir");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the Flink cluster's jobs, the latest started first: id, name, state, start time.")
    static final class ListJobs implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            FlinkRest cluster = config.cluster();
            List<FlinkRest.JobSummary> jobs;
            try {
                jobs = cluster.jobs();
            } catch (FlinkRest.Unreachable e) {
                throw unreachable(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (jobs.isEmpty()) {
                out.println("no jobs on " + cluster.base());
                return Tollgate.OK;
            }
            int name = Math.max(4, jobs.stream().mapToInt(j -> j.name().length()).max().orElse(0));
            String row = "%-32s  %-" + name + "s  %-12s  %s%n";
            out.printf(row, "ID", "NAME", "STATE", "START");
            for (FlinkRest.JobSummary j : jobs) {
                out.printf(row, j.id(), j.name(), j.state(), j.start().truncatedTo(ChronoUnit.SECONDS));
            }
            return Tollgate.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancels a job on the Flink cluster and waits until it is CANCELED.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:canceled, or had already ended", "1:any other failure",
                "2:bad input (not a job id, or no such job)"})
    static final class Cancel implements Callable<Integer> {
        private static final Duration PATIENCE = Duration.ofSeconds(60);

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "JOB_ID", description = "the job's id, as `tollgate jobs list` shows it")
        String jobId;

        @Override
        public Integer call() throws Exception {
            if (!jobId.matches("[0-9a-f]{32}")) {
                throw Options.bad("JOB_ID", "'" + jobId + "' is not a Flink job id (32 hex digits, as `tollgate jobs"
                        + " list` shows them)");
            }
            FlinkRest cluster = config.cluster();
            PrintWriter out = spec.commandLine().getOut();
            try {
                String state;
                try {
                    state = cluster.job(jobId).path("state").asText();
                } catch (FlinkRest.Refused e) {
                    if (e.status() == 404) {
                        throw Options.bad("JOB_ID", "no job " + jobId + " on " + cluster.base()
                                + "; `tollgate jobs list` shows the jobs");
                    }
                    throw e;
                }
                if (FlinkRest.ENDED.contains(state)) {
                    out.println("job " + jobId + " has already ended: " + state);
                    return Tollgate.OK;
                }
                cluster.cancel(jobId);
                String reached = cluster.awaitState(jobId, Set.of("CANCELED"), PATIENCE);
                if (!reached.equals("CANCELED")) {
                    throw new IllegalStateException("job " + jobId + " is " + reached + " " + PATIENCE.toSeconds()
                            + " s after the cancel request; the cluster's log says why (infra/stack logs flink)");
                }
                out.println("job " + jobId + " canceled");
            } catch (FlinkRest.Unreachable e) {
                throw unreachable(e);
            }
            return Tollgate.OK;
        }
    }
}
