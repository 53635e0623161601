package io.tollgate.app;

import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.kafka.InstructionPublisher;
import io.tollgate.sim.SwitchSim;
import io.tollgate.sim.traffic.FraudScenario;
import io.tollgate.sim.traffic.GroundTruth;
import io.tollgate.sim.traffic.NumberMix;
import io.tollgate.sim.traffic.Source;
import io.tollgate.sim.traffic.TrafficGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code tollgate loadtest}: the routing agent (its own process) driven through the switch simulator by the
 * traffic generator, with the agent's resources sampled and the outcome held against the ground truth.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = {"Drives a routing agent (started as its own process) through the switch simulator at a"
                + " given rate and concurrency for a while, shows progress, and ends with: calls and completions"
                + " by cause, agent CPU and heap (baseline / peak / after GC), channels and bridges left open on"
                + " the switch (must be 0), calls whose events are missing on Kafka (must be 0), instruction lag"
                + " and event-publish lag.",
                "Vendors, decks and Kafka come from the configuration; the simulated customer 'loadtest' pays the"
                        + " deck of --customer. Exit status 0 when nothing leaked and every call's events arrived."})
final class LoadtestCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TOLLGATE_CONFIG:-tollgate.yaml}",
            description = "vendors, decks and Kafka (default: $TOLLGATE_CONFIG, else tollgate.yaml here)")
    Path config;

    @Option(names = "--customer", paramLabel = "ID", description = "whose deck the simulated customer pays"
            + " (default: the configuration's first customer)")
    String customer;

    @Option(names = "--cps", paramLabel = "N", defaultValue = "50", description = "new calls per second (default: ${DEFAULT-VALUE})")
    double cps;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "2000",
            description = "calls up at once at most; calls due beyond it are not placed, and counted (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "PT1M",
            description = "how long calls are placed, ISO-8601 (default: ${DEFAULT-VALUE}); the run then waits for them to end")
    Duration duration;

    @Option(names = "--talk", paramLabel = "SECONDS", split = ",", defaultValue = "30",
            description = "talk times of answered calls, 1..99 s (default: ${DEFAULT-VALUE}); concurrency ≈ cps × talk")
    List<Integer> talk;

    @Option(names = "--sim-talk-time", paramLabel = "DURATION", defaultValue = "PT20S",
            description = "talk time of answered numbers without one of their own (second vendor of a congested"
                    + " first, premium and real destinations), ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration simTalkTime;

    @Option(names = "--mix", paramLabel = "answered|ordinary", defaultValue = "ordinary",
            description = "answered: every call answered; ordinary: also busy, congestion, unallocated, no answer"
                    + " (default: ${DEFAULT-VALUE})")
    String mix;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "switch on a fraud scenario --scenario-at into the run: irsf, wangiri, sequential,"
                    + " concurrency-spike, cost-spike (repeatable)")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--scenario-at", paramLabel = "DURATION", defaultValue = "PT10S",
            description = "when the fraud scenarios start, ISO-8601 from the run's start (default: ${DEFAULT-VALUE});"
                    + " the traffic before is clean")
    Duration scenarioAt;

    @Option(names = "--drop-websocket-every", paramLabel = "DURATION",
            description = "fault: drop the agent's event WebSocket (Stasis app tollgate) this often, ISO-8601")
    Duration dropEvery;

    @Option(names = "--fail-requests", paramLabel = "SHARE", description = "fault: fail this share of ARI requests with 500")
    Double failShare;

    @Option(names = "--truth", paramLabel = "FILE", defaultValue = "loadtest-truth.csv",
            description = "where the ground truth goes (default: ${DEFAULT-VALUE})")
    Path truthFile;

    @Option(names = "--call-threads", paramLabel = "N", defaultValue = "4", description = "the agent's call threads (default: ${DEFAULT-VALUE})")
    int callThreads;

    private final List<Long> heapSamples = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TollgateConfig source = TollgateConfig.load(config);
        Customer priced = customer == null ? source.customers().stream().findFirst()
                .orElseThrow(() -> Options.bad("--config", config + " has no customer whose deck the test could use"))
                : source.customer(customer).orElseThrow(() -> Options.bad("--customer", "no customer '" + customer
                + "' in " + config));
        List<Source> sources = sources();
        Path work = Files.createTempDirectory("tollgate-loadtest");
        Path agentConfig = LoadtestConfig.write(source, priced, concurrency, cps, work);
        String agentId = "lt" + UUID.randomUUID().toString().substring(0, 6);
        String password = UUID.randomUUID().toString();

        try (SwitchSim sim = SwitchSim.start(SwitchSim.Options.builder().password(password).talkTime(simTalkTime).build())) {
            faults(sim);
            AgentProcessHandle agent = AgentProcessHandle.start(
                    List.of("--config", agentConfig.toString(), "--agent-id", agentId, "--http", "127.0.0.1:0",
                            "--call-threads", Integer.toString(callThreads), "--dial-timeout", "30"),
                    Map.of("TOLLGATE_ARI_URL", sim.ariUri().toString(), "TOLLGATE_ARI_USER", "tollgate",
                            "TOLLGATE_ARI_PASSWORD", password),
                    work.resolve("agent.log"), Duration.ofSeconds(90));
            try (CallEventCount kafka = new CallEventCount(source.services().kafkaBootstrap(), agentId);
                 GroundTruth truth = GroundTruth.open(truthFile, null);
                 TrafficGenerator generator = new TrafficGenerator(new TrafficGenerator.Settings(sim.ariUri(),
                         "tollgate", password, concurrency, duration, 1), truth);
                 InstructionPublisher instructions = InstructionPublisher.connect(source.services().kafkaBootstrap())) {
                long heapBaseline = agent.heapUsed(true);
                HeapHistogram classesBefore = agent.histogram(work.resolve("heap-before.txt"));
                double cpuBefore = agent.cpuSeconds();
                long started = System.nanoTime();
                generator.start(sources);
                try (ProgressBar bar = ProgressBar.onTerminal(err)) {
                    bar.stage("load test " + (int) cps + " cps", duration.toSeconds());
                    run(generator, agent, instructions, bar, err, started);
                }
                int longest = Math.max(talk.stream().mapToInt(i -> i).max().orElse(30), (int) simTalkTime.toSeconds());
                boolean drained = generator.awaitDone(Duration.ofSeconds(longest + 120));
                double cpuSeconds = agent.cpuSeconds() - cpuBefore;
                double wall = (System.nanoTime() - started) / 1e9;
                awaitEvents(kafka, sim);
                sim.settle();
                long heapAfter = agent.heapUsed(true);
                HeapHistogram classesAfter = agent.histogram(work.resolve("heap-after.txt"));
                PrometheusText metrics = new PrometheusText(get("http://" + agent.http() + "/metrics"));
                boolean ok = report(out, generator.progress(), kafka, sim, metrics, drained, cpuSeconds, wall,
                        heapBaseline, heapAfter, agent.http());
                reportGrowth(out, classesBefore, classesAfter, work);
                agent.close();
                return ok ? Tollgate.OK : Tollgate.FAILURE;
            } finally {
                agent.close();
            }
        }
    }

    private List<Source> sources() throws io.tollgate.core.csv.BadInputException {
        SplittableRandom random = new SplittableRandom(7);
        for (int seconds : talk) {
            if (seconds < 1 || seconds > 99) {
                // the simulated vendors read the talk time from two digits of the dialled number
                throw Options.bad("--talk", "talk times are 1..99 s, got " + seconds);
            }
        }
        NumberMix numbers = switch (mix) {
            case "answered" -> NumberMix.answered(talk.get(0));
            case "ordinary" -> NumberMix.ordinary(talk);
            default -> throw Options.bad("--mix", "answered or ordinary, got '" + mix + "'");
        };
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("normal", LoadtestConfig.CUSTOMER, "caller", cps, Duration.ZERO, duration,
                n -> numbers.next(random)));
        for (String name : scenarios) {
            FraudScenario scenario;
            try {
                scenario = FraudScenario.of(name);
            } catch (IllegalArgumentException e) {
                throw Options.bad("--scenario", e.getMessage());
            }
            sources.add(scenario.source(LoadtestConfig.CUSTOMER, "caller", scenarioAt, random));
        }
        return sources;
    }

    private void faults(SwitchSim sim) throws io.tollgate.core.csv.BadInputException {
        if (dropEvery != null) {
            // the agent's socket only: the generator stands for customers' switches, which no WebSocket fault touches
            sim.faults().dropEventSocketsEvery(dropEvery, "tollgate");
        }
        if (failShare != null) {
            if (failShare < 0 || failShare > 1) {
                throw Options.bad("--fail-requests", "a share between 0 and 1, got " + failShare);
            }
            sim.faults().failRequests(failShare);
        }
    }

    /** Samples the agent every 5 s and probes instruction propagation, until the run's length has passed. */
    private void run(TrafficGenerator generator, AgentProcessHandle agent, InstructionPublisher instructions,
                     ProgressBar bar, PrintWriter err, long started) throws Exception {
        long version = System.currentTimeMillis();
        double lastCpu = agent.cpuSeconds();
        long lastSample = System.nanoTime();
        while (System.nanoTime() - started < duration.toNanos()) {
            Thread.sleep(5000);
            String prefix = "2890" + (100000 + (version % 900000));
            instructions.publish(new Block(LoadtestConfig.CUSTOMER, prefix, null, "loadtest probe", version++,
                    "loadtest", Instant.now()));
            instructions.publish(new Unblock(LoadtestConfig.CUSTOMER, prefix, null, "loadtest probe", version++,
                    "loadtest", Instant.now()));
            double cpu = agent.cpuSeconds();
            long now = System.nanoTime();
            long heap = agent.heapUsed(false);
            heapSamples.add(heap);
            TrafficGenerator.Progress p = generator.progress();
            long elapsed = (now - started) / 1_000_000_000L;
            bar.done(elapsed);
            err.printf("%n[%3d s] placed %d, up %d, ended %d, held back %d | agent cpu %.0f%%, heap %d MB%n", elapsed,
                    p.placed(), p.inFlight(), p.ended(), p.heldBack(), 100 * (cpu - lastCpu) / ((now - lastSample) / 1e9),
                    heap >> 20);
            err.flush();
            lastCpu = cpu;
            lastSample = now;
        }
    }

    /** Waits until Kafka has the END of every call that entered the agent's application, or a minute passed. */
    private static void awaitEvents(CallEventCount kafka, SwitchSim sim) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (kafka.ended() < sim.stasisEntered("tollgate") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private boolean report(PrintWriter out, TrafficGenerator.Progress p, CallEventCount kafka, SwitchSim sim,
                           PrometheusText m, boolean drained, double cpuSeconds, double wall, long heapBaseline,
                           long heapAfter, String http) {
        // the calls the agent owes events for: those the switch put into its application (while it held it)
        long reached = sim.stasisEntered("tollgate");
        long peak = heapSamples.stream().mapToLong(Long::longValue).max().orElse(heapAfter);
        double heapChange = 100.0 * (heapAfter - heapBaseline) / heapBaseline;
        out.printf("calls placed:            %d (%d not placed: over the %d concurrency cap)%n", p.placed(),
                p.heldBack(), concurrency);
        out.printf("calls ended:             %d%s%n", p.ended(), drained ? "" : " (NOT all ended in time)");
        out.printf("completions by cause:    %s%n", p.causes());
        out.printf("refused by the switch:   %d originates, %d calls while the agent's app was unregistered%n",
                p.refusedToPlace(), sim.stasisRefused("tollgate"));
        out.printf("events on Kafka:         %d calls set up, %d closed (END), %d events; %d calls entered the agent's app%n",
                kafka.setUp(), kafka.ended(), kafka.events(), reached);
        out.printf("calls missing events:    %d%n", Math.max(0, reached - kafka.ended()) + kafka.open());
        out.printf("left open on the switch: %d channels, %d bridges%n", sim.channels(), sim.bridges());
        out.printf("agent cpu:               %.1f s over %.0f s (%.0f%% of one core)%n", cpuSeconds, wall,
                100 * cpuSeconds / wall);
        out.printf("agent heap:              baseline %d MB, peak %d MB, after GC %d MB (%+.1f%%)%n", heapBaseline >> 20,
                peak >> 20, heapAfter >> 20, heapChange);
        out.printf("instruction lag:         p50 %s, p99 %s%n",
                ms(m.sum("tollgate_agent_instruction_lag_percentile_seconds", "quantile=\"0.5\"")),
                ms(m.sum("tollgate_agent_instruction_lag_percentile_seconds", "quantile=\"0.99\"")));
        out.printf("event-publish lag:       p50 <= %s, p99 <= %s (histogram bucket bounds)%n",
                ms(m.quantile("tollgate_agent_events_publish_latency_seconds", 0.5)),
                ms(m.quantile("tollgate_agent_events_publish_latency_seconds", 0.99)));
        out.printf("ARI request (agent):     p50 <= %s, p99 <= %s%n",
                ms(m.quantile("tollgate_agent_ari_request_seconds", 0.5)),
                ms(m.quantile("tollgate_agent_ari_request_seconds", 0.99)));
        out.printf("simulator + generator:   %.0f%% of one core (this process)%n", 100 * ownCpu() / wall);
        out.printf("first dial per call:     p50 <= %s, p99 <= %s, mean %s%n",
                ms(m.quantile("tollgate_agent_call_first_dial_seconds", 0.5)),
                ms(m.quantile("tollgate_agent_call_first_dial_seconds", 0.99)),
                ms(m.sum("tollgate_agent_call_first_dial_seconds_sum") / m.sum("tollgate_agent_call_first_dial_seconds_count")));
        out.printf("ground truth:            %s%n", truthFile.toAbsolutePath());
        out.flush();
        return drained && sim.channels() == 0 && sim.bridges() == 0 && reached == kafka.ended() && kafka.open() == 0;
    }

    /** Which classes the agent's live heap grew by: what to look at first when "after GC" is above the baseline. */
    private static void reportGrowth(PrintWriter out, HeapHistogram before, HeapHistogram after, Path work) {
        out.printf("live heap by class:      %+d KB in all; grown most (full histograms in %s):%n",
                (after.bytes() - before.bytes()) >> 10, work);
        for (HeapHistogram.Growth g : after.grownSince(before, 8)) {
            out.printf("    %+8d KB %+9d instances  %s%n", g.bytes() >> 10, g.instances(), g.className());
        }
        out.flush();
    }

    /** CPU seconds this process (simulator and generator) has used. */
    private static double ownCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static String ms(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format("%.1f ms", seconds * 1000);
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
