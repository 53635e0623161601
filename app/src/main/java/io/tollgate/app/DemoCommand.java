package io.tollgate.app;

import io.tollgate.app.console.AuditLog;
import io.tollgate.app.console.Caller;
import io.tollgate.app.console.ConsoleServer;
import io.tollgate.app.console.ConsoleSettings;
import io.tollgate.app.console.Role;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.SchemaMigrator;
import io.tollgate.ingest.config.EnvironmentOverrides;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.kafka.InstructionPublisher;
import io.tollgate.ingest.kafka.TopicAdmin;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.jobs.CdrJobOptions;
import io.tollgate.jobs.CdrPipeline;
import io.tollgate.jobs.FraudJobOptions;
import io.tollgate.jobs.FraudPipeline;
import io.tollgate.sim.SwitchSim;
import io.tollgate.sim.traffic.GroundTruth;
import io.tollgate.sim.traffic.TrafficGenerator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code tollgate demo}: the whole product on one machine. The local services, the switch (simulated, or the local
 * Asterisk), the routing agent, the CDR and fraud jobs, a few minutes of customers' traffic with two attacks, then
 * finance's day: invoices, a margin export and a carrier reconciliation, and the console to look at it all.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole product on this machine and shows it working:",
            "  1. starts Kafka and ClickHouse (infra/stack; --asterisk: Asterisk too), migrates the database and"
                + " creates the topics;",
            "  2. starts the switch simulator (or uses the local Asterisk), the routing agent (its own process) and"
                + " the CDR and fraud jobs (a Flink MiniCluster in this process);",
            "  3. places the customers' ordinary traffic for --duration, and two attacks from --attack-at on: IRSF to"
                + " the premium range +2899 from the first customer and wangiri (1-2 s calls into one number range)"
                + " from the second; their alerts and the automatic blocks are printed as they happen;",
            "  4. waits until every call is a rated CDR in ClickHouse, then writes to --out: draft invoices (PDF +"
                + " CSV) of every customer's current billing period, the run's margin by customer, and the"
                + " reconciliation of the busiest vendor's bill (a CDR file the simulated vendor's switch wrote of the"
                + " calls it carried, with a missing call, a phantom call, a longer duration and an overcharge put"
                + " in; with --asterisk, whose vendors keep no record, made from our CDRs of them) with its dispute"
                + " report;",
            "  5. prints a summary, and serves the console's dashboard (its URL carries a token made for this run)"
                + " until Ctrl-C; --exit stops instead.",
            "Ctrl-C stops everything it started but the local services (infra/stack down stops those) and lifts the"
                + " blocks the run caused. A second run starts in seconds: the services and the build are kept.",
            "Ground truth (every call placed, its outcome and who owes what, from the decks alone) goes to"
                + " --out/ground-truth.csv."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the demo ran and every call became a rated CDR", "2:bad input (configuration, options)",
            "1:a service or step failed, or calls were left unrated"})
final class DemoCommand implements Callable<Integer> {
    static final String AGENT_ID = "demo";

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TOLLGATE_CONFIG:-tollgate.yaml}",
            description = "customers, vendors, decks, fraud rules and services (default: $TOLLGATE_CONFIG, else"
                    + " tollgate.yaml here: the repository's is the demo's)")
    Path config;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "PT3M",
            description = "how long the customers place calls, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--cps", paramLabel = "N", defaultValue = "3",
            description = "ordinary calls per second, over all customers (each stays within half its cps limit;"
                    + " default: ${DEFAULT-VALUE})")
    double cps;

    @Option(names = "--attack-at", paramLabel = "DURATION", defaultValue = "PT60S",
            description = "when the IRSF attack starts, ISO-8601 from the traffic's start; wangiri follows 20 s"
                    + " later (default: ${DEFAULT-VALUE})")
    Duration attackAt;

    @Option(names = "--asterisk", description = "route the calls through the local stack's Asterisk instead of the"
            + " simulator (only its one customer endpoint is served)")
    boolean asterisk;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-output",
            description = "where invoices, exports, the carrier's file, disputes and logs go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--database", paramLabel = "NAME",
            description = "the ClickHouse database (default: the configuration's services.clickhouse.database)")
    String database;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8090",
            description = "where the console listens (default: ${DEFAULT-VALUE}; port 0: any free port)")
    String listen;

    @Option(names = "--no-console", description = "do not serve the console")
    boolean noConsole;

    @Option(names = "--exit", description = "stop after the summary instead of serving the console until Ctrl-C")
    boolean exit;

    @Option(names = "--no-stack", description = "do not start local services: use those the configuration names")
    boolean noStack;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the traffic, to repeat a run's calls (default:"
            + " a new one each run, so the wangiri ranges differ from the last run's, which may still be blocked)")
    Long seed;

    /** What the run started, stopped in reverse order, once, by the end of call() or by Ctrl-C. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private InstructionPublisher publisher;
    private DemoFeed feed;
    private boolean stopped;
    private PrintWriter err;
    private long began;

    @Override
    public Integer call() throws Exception {
        err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        began = System.nanoTime();
        if (seed == null) {
            seed = System.currentTimeMillis();
        }
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path configFile = config.toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>(System.getenv());
        if (database != null) {
            env.put(EnvironmentOverrides.CLICKHOUSE_DATABASE, database);
        }
        TollgateConfig loaded = TollgateConfig.load(configFile, env);
        DemoTraffic traffic = DemoTraffic.plan(loaded, asterisk, cps, duration, attackAt);
        Options.HostPort consoleAt = noConsole ? null : Options.hostPort("--listen", listen);
        Path dir = out.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Thread hook = new Thread(this::stop, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DemoLog log = DemoLog.toFile(dir.resolve("demo.log"));
            if (log != null) {
                started.push(log);
                stage("logs of this process: " + dir.resolve("demo.log"));
            }
            services(loaded, configFile);
            ClickHouseDatabase db = ClickHouseDatabase.of(loaded.services().clickhouse());
            publisher = InstructionPublisher.connect(loaded.services().kafkaBootstrap());
            started.push(publisher);
            liftEarlierBlocks(traffic, start);
            SwitchSim sim = asterisk ? null : startSwitch(traffic);
            startJobs(configFile, db, dir, start);
            Ari ari = ari(loaded, sim);
            startAgent(configFile, ari, dir);
            feed = new DemoFeed(loaded.services().kafkaBootstrap(), AGENT_ID, start, line -> say("%s", line));
            started.push(feed);
            String console = consoleAt == null ? null : startConsole(loaded, db, consoleAt);
            GroundTruthRun truth = placeCalls(loaded, traffic, sim, ari, dir);
            Instant end = Instant.now();
            DemoLedger ledger = new DemoLedger(db, start, end.plusSeconds(1));
            boolean allRated = awaitRated(ledger, truth.reachedAgent());
            stage("finance: invoices, margin export, reconciliation of the busiest vendor's bill");
            DemoFinance.Outcome finance = new DemoFinance(loaded, configFile, db, dir, start, end.plusSeconds(1))
                    .run(sim, traffic);
            DemoSummary.print(stdout, ledger, feed, truth, finance, dir, console);
            if (console != null && !exit) {
                err.println("The console stays up at " + console + " — Ctrl-C stops the demo.");
                err.flush();
                new CountDownLatch(1).await();
            }
            if (!allRated) {
                say("not every call became a rated CDR: see %s and %s", dir.resolve("demo.log"), dir.resolve("agent.log"));
            }
            return allRated ? Tollgate.OK : Tollgate.FAILURE;
        } finally {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running stop() already
            }
        }
    }

    /** The ground truth of the run and how many calls reached the routing agent. */
    record GroundTruthRun(Path file, TrafficGenerator.Progress progress, long reachedAgent) {
    }

    private void services(TollgateConfig loaded, Path configFile) throws Exception {
        Path home = home(configFile);
        if (!noStack) {
            stage("local services: Kafka, ClickHouse" + (asterisk ? ", Asterisk" : "")
                    + " (infra/stack up; the first time downloads them, a few minutes)");
            List<String> command = new java.util.ArrayList<>(List.of(home.resolve("infra/stack").toString(), "up",
                    "kafka", "clickhouse"));
            if (asterisk) {
                command.add("asterisk");
            }
            Path log = out.toAbsolutePath().resolve("stack.log");
            Process stack = new ProcessBuilder(command).redirectErrorStream(true).start();
            // its progress (downloads, each service answering) is the demo's too, and kept in stack.log
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(stack.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)); var copy = Files.newBufferedWriter(log)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    copy.write(line);
                    copy.newLine();
                    say("  %s", line);
                }
            }
            if (stack.waitFor() != 0) {
                throw new IllegalStateException("infra/stack up failed; its output is in " + log
                        + " (infra/stack status shows what runs)");
            }
        }
        stage("database " + loaded.services().clickhouse().database() + " and topics");
        ClickHouseDatabase db = ClickHouseDatabase.of(loaded.services().clickhouse());
        new SchemaMigrator(db.url(), db.database(), db.credentials())
                .migrate(SchemaMigrator.read(home.resolve("infra/clickhouse/migrations")));
        try (TopicAdmin admin = TopicAdmin.connect(loaded.services().kafkaBootstrap())) {
            admin.create(Topics.layout(loaded.topics().partitions(), loaded.topics().replication(),
                    loaded.topics().retention()));
        }
    }

    /** The checkout: $TOLLGATE_HOME (the launcher sets it), else the folder of the configuration that has infra/. */
    private static Path home(Path configFile) throws Exception {
        String env = System.getenv("TOLLGATE_HOME");
        Path home = env != null ? Path.of(env) : configFile.getParent();
        if (!Files.isDirectory(home.resolve("infra/clickhouse/migrations"))) {
            throw Options.bad("--config", "cannot find the checkout (infra/) from " + home
                    + "; run the demo through ./tollgate from the repository");
        }
        return home;
    }

    /** The demo's attacks hit the same ranges on every run: a block left by an earlier run would stop them unseen. */
    private void liftEarlierBlocks(DemoTraffic traffic, Instant start) throws Exception {
        for (DemoTraffic.Attack a : traffic.attacks()) {
            if (a.scenario() == io.tollgate.sim.traffic.FraudScenario.IRSF) {
                lift(a.line().customer().id(), "2899", start.toEpochMilli() - 1);
            }
        }
    }

    private void lift(String customer, String prefix, long version) throws Exception {
        publisher.publish(new Unblock(customer, prefix, null, "tollgate demo: lifting the demo's block", version,
                "tollgate-demo", Instant.now()));
    }

    private SwitchSim startSwitch(DemoTraffic traffic) {
        stage("switch simulator (ARI on loopback)");
        SwitchSim.Builder options = SwitchSim.Options.builder().password(token()).recordVendorLegs(true)
                .seed(seed);
        for (DemoTraffic.Line line : traffic.lines()) {
            if (!line.callerEndpoint().equals("caller")) {
                options.customerLine(line.callerEndpoint(), line.endpoint());
            }
        }
        SwitchSim sim = SwitchSim.start(options.build());
        started.push(sim);
        return sim;
    }

    private void startJobs(Path configFile, ClickHouseDatabase db, Path dir, Instant start) throws Exception {
        stage("CDR and fraud jobs (Flink MiniCluster)");
        Path checkpoints = dir.resolve("checkpoints");
        String run = Long.toHexString(start.toEpochMilli());
        String[] common = {"--config", configFile.toString(), "--clickhouse-database", db.database(),
            "--checkpoints", checkpoints.toUri().toString()};
        CdrJobOptions cdr = CdrJobOptions.parse(concat(common, "--name", "tollgate-demo-cdr-" + run, "--grace", "PT5S"));
        FraudJobOptions fraud = FraudJobOptions.parse(concat(common, "--name", "tollgate-demo-fraud-" + run));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cdr.flinkConfiguration());
        CdrPipeline.build(env, cdr.settings().from(start));
        FraudPipeline.build(env, fraud.settings().from(start));
        JobClient job = env.executeAsync("tollgate-demo");
        started.push(() -> job.cancel().get(30, TimeUnit.SECONDS));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** The switch's ARI, for the agent and the customers' switches alike. */
    record Ari(java.net.URI url, String user, String password) {
        @Override
        public String toString() {
            return "Ari[" + url + ", " + user + ", password masked]";
        }
    }

    private Ari ari(TollgateConfig loaded, SwitchSim sim) throws Exception {
        if (sim != null) {
            return new Ari(sim.ariUri(), sim.options().user(), sim.options().password());
        }
        var configured = loaded.services().ari();
        if (configured.password().isSet()) {
            return new Ari(configured.url(), configured.user(), configured.password().reveal());
        }
        if (noStack) {
            throw Options.bad("--asterisk", "no ARI password: set TOLLGATE_ARI_PASSWORD or services.ari.password_file");
        }
        // the local stack's Asterisk, which infra/stack sets up with this password unless $TOLLGATE_ARI_PASSWORD says
        return new Ari(configured.url(), configured.user(), "tollgate");
    }

    private void startAgent(Path configFile, Ari ari, Path dir) throws Exception {
        stage("routing agent (its own process; log in " + dir.resolve("agent.log") + ")");
        Map<String, String> env = Map.of(EnvironmentOverrides.ARI_URL, ari.url().toString(),
                EnvironmentOverrides.ARI_USER, ari.user(), EnvironmentOverrides.ARI_PASSWORD, ari.password());
        AgentProcessHandle agent = AgentProcessHandle.start(List.of("--config", configFile.toString(), "--agent-id",
                AGENT_ID, "--http", "127.0.0.1:0", "--dial-timeout", "30"), env, dir.resolve("agent.log"),
                Duration.ofSeconds(90));
        started.push(agent);
    }

    private String startConsole(TollgateConfig loaded, ClickHouseDatabase db, Options.HostPort at) throws Exception {
        // a token made for this run only: it is printed here and kept nowhere
        String token = token();
        ConsoleSettings settings = new ConsoleSettings(at.host(), at.port(), Map.of(token, new Caller("demo", Role.ADMIN)));
        ConsoleServer server = new ConsoleServer(settings, new AuditLog(db), ServeCommand.sections(loaded, db, publisher));
        started.push(server);
        int bound = server.start();
        String url = "http://" + settings.host() + ":" + bound + "/#token=" + token;
        stage("console: " + url);
        return url;
    }

    private GroundTruthRun placeCalls(TollgateConfig loaded, DemoTraffic traffic, SwitchSim sim, Ari ari, Path dir)
            throws Exception {
        Path callsFile = dir.resolve("calls.csv");
        Path truthFile = dir.resolve("ground-truth.csv");
        stage(String.format("traffic: %s of calls from %s (seed %d); IRSF at +%d s, wangiri at +%d s", duration,
                traffic.lines().stream().map(l -> l.customer().id()).toList(), seed, attackAt.toSeconds(),
                attackAt.toSeconds() + 20));
        TrafficGenerator.Progress progress;
        try (GroundTruth calls = GroundTruth.open(callsFile, null);
             TrafficGenerator generator = new TrafficGenerator(new TrafficGenerator.Settings(ari.url(), ari.user(),
                     ari.password(), traffic.concurrency(), duration, seed), calls);
             ProgressBar bar = ProgressBar.onTerminal(err)) {
            generator.start(traffic.sources(seed));
            bar.stage("traffic", duration.toSeconds());
            long t0 = System.nanoTime();
            for (int second = 1; !generator.awaitDone(Duration.ofSeconds(1)); second++) {
                long elapsed = (System.nanoTime() - t0) / 1_000_000_000L;
                bar.done(Math.min(elapsed, duration.toSeconds()));
                if (second % 10 != 0) {
                    continue;
                }
                var p = generator.progress();
                say("traffic +%d s: %d calls placed, %d up now, %d ended, %d answered", elapsed, p.placed(),
                        p.inFlight(), p.ended(), p.answered());
                if (elapsed > duration.toSeconds() + 300) {
                    throw new IllegalStateException("calls were still up 5 minutes after the traffic stopped");
                }
            }
            progress = generator.progress();
        }
        DemoTruth.write(callsFile, sim != null ? sim.vendorLegs() : List.of(), trunk -> loaded.vendors().stream()
                .filter(v -> v.trunks().stream().anyMatch(t -> t.endpoint().equals(trunk))).map(v -> v.id())
                .findFirst().orElse(null), DemoTraffic.pricing(loaded), truthFile);
        long reached = sim != null ? sim.stasisEntered("tollgate") : progress.placed() - progress.refusedToPlace();
        return new GroundTruthRun(truthFile, progress, reached);
    }

    /** Waits until ClickHouse holds a rated CDR for every call that reached the agent; false after two minutes. */
    private boolean awaitRated(DemoLedger ledger, long expected) throws Exception {
        stage("waiting for " + expected + " rated CDRs in ClickHouse");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long rated;
        while ((rated = ledger.calls()) < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        if (rated < expected) {
            say("only %d of %d calls were rated after two minutes; the summary shows what there is", rated, expected);
        }
        return rated >= expected;
    }

    /** Stops what the run started, newest first, once; lifts the blocks it caused. */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        say("stopping what the demo started; lifting the %d blocks its attacks caused",
                feed == null ? 0 : feed.blocks().size());
        for (DemoFeed.AppliedBlock block : feed == null ? List.<DemoFeed.AppliedBlock>of() : feed.blocks()) {
            try {
                if (block.customer() != null) {
                    lift(block.customer(), block.prefix(), System.currentTimeMillis());
                }
            } catch (Exception e) {
                say("could not lift the block %s: %s", block.subject(), e.getMessage());
            }
        }
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                say("stopping: %s", e.getMessage());
            }
        }
    }

    private void stage(String what) {
        say("%s", what);
    }

    private void say(String format, Object... args) {
        synchronized (err) {
            err.printf("[%3d s] " + format + "%n", prepend((System.nanoTime() - began) / 1_000_000_000L, args));
            err.flush();
        }
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String token() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
