package io.tollgate.agent;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.tools.BaseAriAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.ingest.kafka.InstructionPublisher;
import io.tollgate.ingest.testing.AriSession;
import io.tollgate.ingest.testing.Caller;
import io.tollgate.ingest.testing.LocalStack;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The routing agent under load on the local stack (BENCHMARKS.md, "Routing agent"; run it with {@code bench/agent}).
 *
 * <p>One agent runs in this JVM against the stack's real Asterisk 22 and Kafka, with a configuration of its own
 * (a fresh customer allowed 10,000 calls at once and 1,000 per second, trunks of 10,000 channels, so that only the
 * machine limits the load). For each step of concurrency N the customer's switch ({@link Caller}) dials N unique
 * numbers of the vendor-sim's answer-and-talk prefix at a steady rate, with a talk time long enough for all N to be
 * up at once (280SS: answer, talk SS s, the vendor hangs up with 16). Signalling only: nobody plays media. Per step:
 * calls placed, completed (answered, ended 16) and failed by cause; the peak really reached (from the caller legs'
 * own Up and Destroyed times); the agent's timers from its registry (StasisStart to first vendor dial, route lookup,
 * ARI requests: p50/p99 of the step alone, from the histogram's buckets); the baseline of the same moment, a bare
 * ARI round trip ({@code GET asterisk/info} through ari4java on the agent's REST transport, every 100 ms); CPU of
 * this JVM (agent threads apart) beside Asterisk's (/proc/PID/stat), and Asterisk's RSS, threads and open files.
 * The ramp stops after the first step in which calls fail.
 *
 * <p>Instruction propagation: N Block/Unblock instructions alternately for one customer-scoped prefix of its own
 * (no call dials it), published with {@link InstructionPublisher} one after another while a watcher thread reads
 * the agent's {@link InstructionBook}: publish start to the book showing it (this JVM's nanoTime), publish start to
 * Kafka's acknowledgement, and the agent's own {@code tollgate.agent.instruction.lag} timer (record CreateTime to
 * applied, ms). Once with the agent idle, once during the step named by {@code --instructions-at}.
 *
 * <p>Usage: {@code AgentBench [--steps 100,200,400,800,1200,1600] [--cps 40] [--instructions 200]
 * [--instructions-at 400] [--asterisk-pid-file .stack/run/asterisk.pid] [--clk-tck 100]}
 */
public final class AgentBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds of talk beyond the ramp: all calls are up together for about this long. */
    private static final int HOLD_S = 15;
    private static final Duration PROBE_EVERY = Duration.ofMillis(100);
    private static final int WARM_UP_CALLS = 40;

    private final Options options;
    private final AgentFixture fixture;
    private final RoutingAgent agent;
    private final AgentOptions agentOptions;
    private final AriSession ari;
    private final ARI probeClient;
    private final AsteriskProcess asterisk;
    private final Set<Long> agentThreads;
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    record Options(List<Integer> steps, int cps, int instructions, int instructionsAt, Path asteriskPidFile,
                   long clkTck) {
        static Options parse(String[] args) {
            Map<String, String> o = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option value, got " + args[i]);
                }
                o.put(args[i].substring(2), args[i + 1]);
            }
            return new Options(
                    Arrays.stream(o.getOrDefault("steps", "100,200,400,800,1200,1600").split(","))
                            .map(String::trim).map(Integer::parseInt).toList(),
                    Integer.parseInt(o.getOrDefault("cps", "40")),
                    Integer.parseInt(o.getOrDefault("instructions", "200")),
                    Integer.parseInt(o.getOrDefault("instructions-at", "400")),
                    Path.of(o.getOrDefault("asterisk-pid-file",
                            LocalStack.stateDir().resolve("run/asterisk.pid").toString())),
                    Long.parseLong(o.getOrDefault("clk-tck", "100")));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (AriSession ari = new AriSession("tollgate-bench-" + UUID.randomUUID().toString().substring(0, 8))) {
            HttpResponse<String> app = ari.send("applications/" + AriSession.APP, "GET");
            if (app.statusCode() == 200) {
                System.err.println("another routing agent is connected to Stasis app '" + AriSession.APP
                        + "' (an IT or a benchmark); only one may be at a time. Try again when it is done.");
                System.exit(2);
            }
            AgentBench bench = new AgentBench(options, ari);
            try {
                bench.run();
            } finally {
                bench.close();
            }
        }
        System.exit(0); // the Caller's and the probe's HTTP clients keep non-daemon threads
    }

    private AgentBench(Options options, AriSession ari) throws Exception {
        this.options = options;
        this.ari = ari;
        this.asterisk = new AsteriskProcess(options.asteriskPidFile(), options.clkTck());
        Path dir = Files.createTempDirectory("tollgate-agent-bench");
        fixture = new AgentFixture(dir, 10_000, 1_000, 10_000);
        Set<Long> before = liveThreadIds();
        agentOptions = fixture.options(AgentOptions.defaults().longestCall());
        agent = RoutingAgent.start(fixture.config, agentOptions);
        waitFor(agent::connected, Duration.ofSeconds(30), "the agent's ARI event stream");
        Set<Long> started = liveThreadIds();
        started.removeAll(before);
        agentThreads = started;
        BaseAriAction.setObjectMapperLessStrict();
        String root = RoutingAgent.serverRoot(LocalStack.ariUri());
        probeClient = ARI.build(root, "tollgate-bench-probe", LocalStack.ariUser(), LocalStack.ariPassword(),
                AriVersion.ARI_10_0_0);
        // the agent's own REST transport, so that a bare request is its round trip minus the agent's work
        probeClient.setHttpClient(new io.tollgate.agent.ari.AriHttp(root, LocalStack.ariUser(),
                LocalStack.ariPassword()));
    }

    private void close() {
        agent.close();
        probeClient.cleanup();
    }

    private void run() throws Exception {
        System.out.printf("agent %s: call threads %d, ARI request threads 32, longest call %s; customer %s;"
                        + " Asterisk pid %d; JVM %s, max heap %d MB, %d CPUs visible%n",
                agentOptions.agentId(), agentOptions.callThreads(), agentOptions.longestCall(), fixture.customer,
                asterisk.pid, System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("instruction book: %.0f instructions applied from the topic's replay at start (every call's"
                + " route lookup reads the book)%n", agent.metrics().instructions("applied").count());
        System.out.println(bookCost());
        System.out.printf("dial rate %d calls/s; talk time per step = ramp + %d s; steps %s%n", options.cps(), HOLD_S,
                options.steps());

        System.out.println("\n== warm-up: " + WARM_UP_CALLS + " calls (not reported)");
        Step warm = step(WARM_UP_CALLS, false);
        System.out.println(warm.describe());
        probes(50); // the probe client's first requests

        System.out.println("\n== baseline: GET asterisk/info through ari4java, 200 in a row, agent idle");
        Quantiles idle = Quantiles.ofNanos(probes(200));
        System.out.printf("ARI round trip (idle): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", idle.p(0.5), idle.p(0.99),
                idle.max());

        System.out.println("\n== instruction propagation, agent idle: " + options.instructions()
                + " Block/Unblock, one after another");
        Propagation idlePropagation = propagate(options.instructions(), Duration.ofMillis(20));
        System.out.println(idlePropagation.describe());

        List<Step> steps = new ArrayList<>();
        Propagation loaded = null;
        for (int n : options.steps()) {
            System.out.printf("%n== step: %d concurrent calls%s%n", n, n == options.instructionsAt()
                    ? ", with " + options.instructions() + " instructions published meanwhile" : "");
            Step s = step(n, n == options.instructionsAt());
            steps.add(s);
            System.out.println(s.describe());
            if (s.propagation != null) {
                loaded = s.propagation;
            }
            if (s.failed() > 0 || !s.drained) {
                System.out.printf("stopping the ramp: %d of %d calls failed at %d concurrent%s%n", s.failed(), n, n,
                        s.drained ? "" : "; the agent still had calls");
                break;
            }
        }

        System.out.println("\n== summary (markdown)");
        System.out.println(Step.header());
        steps.forEach(s -> System.out.println(s.row()));
        System.out.printf("%nbaseline, idle: GET asterisk/info p50 %.2f ms / p99 %.2f ms%n", idle.p(0.5), idle.p(0.99));
        System.out.println("instruction propagation, idle: " + idlePropagation.summary());
        if (loaded != null) {
            System.out.println("instruction propagation, during the " + options.instructionsAt() + "-call step: "
                    + loaded.summary());
        }
        List<ValueAtPercentile> lag = Arrays.asList(agent.metrics().instructionLag().takeSnapshot().percentileValues());
        System.out.println("agent's own instruction lag percentiles (whole run): " + lag.stream()
                .map(v -> String.format(Locale.ROOT, "p%.0f %.0f ms", v.percentile() * 100, v.value(TimeUnit.MILLISECONDS)))
                .collect(Collectors.joining(", ")));
    }

    /**
     * What reading the instruction book costs a call's route lookup: {@link RoutePlanner} asks it for the routing
     * blocks and the vendor priorities of every call, and each walks every instruction held.
     */
    private String bookCost() {
        InstructionBook book = agent.instructions();
        long[] ns = new long[20_000];
        int found = 0;
        for (int i = 0; i < ns.length; i++) {
            long t = System.nanoTime();
            found += book.routingBlocks(fixture.customer).size() + book.priorities().size();
            ns[i] = System.nanoTime() - t;
        }
        Quantiles q = Quantiles.ofNanos(Arrays.copyOfRange(ns, ns.length / 2, ns.length));
        return String.format(Locale.ROOT, "instruction book read per route lookup (routingBlocks + priorities, idle,"
                + " after 10,000 warm-up reads): p50 %.1f us, p99 %.1f us (%d found)", q.p(0.5) * 1000, q.p(0.99) * 1000,
                found / ns.length);
    }

    // ---- one step ------------------------------------------------------------------------------------------------

    private Step step(int calls, boolean withInstructions) throws Exception {
        int rampS = (int) Math.ceil((double) calls / options.cps());
        int talkS = Math.min(99, rampS + HOLD_S);
        String prefix = String.format("280%02d", talkS);
        Step s = new Step(calls, talkS);
        Metrics m0 = Metrics.of(agent.metrics());
        Cpu c0 = cpu();
        long ast0 = asterisk.cpuTicks();
        long t0 = System.nanoTime();
        Sampler sampler = new Sampler();
        Probe probe = new Probe();
        PropagationRun instructions = withInstructions
                ? new PropagationRun(options.instructions(), Duration.ofMillis(100)) : null;
        Legs caller = new Legs();
        List<String> legs = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                long wait = t0 + i * 1_000_000_000L / options.cps() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                try {
                    legs.add(caller.dial(AgentFixture.unique(prefix), "4930" + (1_000_000 + i)));
                } catch (Exception | AssertionError e) {
                    s.failures.merge("originate refused", 1, Integer::sum);
                }
            }
            s.dialS = seconds(t0);
            waitFor(() -> legs.stream().allMatch(caller::answeredOrGone), Duration.ofSeconds(30), null);
            s.answeredS = seconds(t0);
            s.answered = (int) legs.stream().filter(caller::answered).count();
            s.activeAtPeak = agent.activeCalls();
            s.channelsAtPeak = channelsUp();
            waitFor(() -> legs.stream().allMatch(caller::gone), Duration.ofSeconds(talkS + 60), null);
            s.endedS = seconds(t0);
            for (String leg : legs) {
                Legs.Leg l = caller.leg(leg);
                if (l.goneAt == null) {
                    s.failures.merge(l.upAt == null ? "no answer, not ended" : "answered, not ended", 1, Integer::sum);
                } else if (l.upAt != null && l.cause == 16) {
                    s.completed++;
                } else {
                    s.failures.merge((l.upAt != null ? "answered, then cause " : "cause ") + l.cause, 1, Integer::sum);
                }
            }
            s.placed = legs.size() + s.failures.getOrDefault("originate refused", 0);
            s.peakUp = caller.peakOverlap();
        } finally {
            caller.close();
        }
        s.drained = waitFor(() -> agent.activeCalls() == 0, Duration.ofSeconds(60), null);
        if (instructions != null) {
            s.propagation = instructions.await();
        }
        s.wallS = seconds(t0);
        s.probe = probe.stop();
        sampler.stop();
        Cpu c1 = cpu();
        long ast1 = asterisk.cpuTicks();
        Metrics m1 = Metrics.of(agent.metrics());
        s.firstDial = m1.firstDial.minus(m0.firstDial);
        s.routeLookup = m1.routeLookup.minus(m0.routeLookup);
        s.ari = m1.ari.minus(m0.ari);
        m1.ariByOp.forEach((op, h) -> s.ariByOp.put(op, h.minus(m0.ariByOp.getOrDefault(op, Hist.EMPTY))));
        s.refused = minus(m1.refused, m0.refused);
        s.attempts = minus(m1.attempts, m0.attempts);
        s.jvmCpuS = (c1.process - c0.process) / 1e9;
        s.agentCpuS = (c1.agent - c0.agent) / 1e9;
        s.driverCpuS = (c1.driver - c0.driver) / 1e9;
        s.jitS = (c1.jitMs - c0.jitMs) / 1e3;
        s.gcS = (c1.gcMs - c0.gcMs) / 1e3;
        s.asteriskCpuS = (double) (ast1 - ast0) / options.clkTck();
        s.maxJvmCpu = sampler.maxJvm;
        s.maxAsteriskCpu = sampler.maxAsterisk;
        s.maxAsteriskRssMb = sampler.maxRssKb / 1024.0;
        s.maxAsteriskThreads = sampler.maxThreads;
        s.maxAsteriskFds = sampler.maxFds;
        s.asteriskFdLimit = asterisk.openFilesLimit();
        s.maxActive = sampler.maxActive;
        return s;
    }

    /** Channels ARI lists in state Up, and ours among them (one request at the peak). */
    private String channelsUp() {
        try {
            HttpResponse<String> r = ari.send("channels", "GET");
            int up = 0;
            int ours = 0;
            String prefix = "tg-" + agentOptions.agentId() + "-";
            for (JsonNode c : JSON.readTree(r.body())) {
                if ("Up".equals(c.path("state").asText())) {
                    up++;
                    ours += c.path("id").asText().startsWith(prefix) ? 1 : 0;
                }
            }
            return up + " up (" + ours + " our vendor legs)";
        } catch (Exception e) {
            return "? (" + e + ")";
        }
    }

    /**
     * The customer's switch of the benchmark: places calls over real SIP exactly as ingest's test {@link Caller}
     * does ({@code PJSIP/<number>@caller}, legs in a Stasis app of their own), but keeps each leg's Up and
     * Destroyed as its events arrive, on the event thread, so that following thousands of calls costs the
     * driver O(1) per event ({@link Caller} rescans every event it kept on each wait: fine for tests, not for
     * 1,000+ calls on two cores shared with the agent and Asterisk).
     */
    static final class Legs {
        static final class Leg {
            volatile Instant upAt;
            volatile Instant goneAt;
            volatile int cause = -1;
        }

        private final AriSession session;
        private final Map<String, Leg> legs = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread reader;
        private volatile boolean running = true;

        Legs() throws Exception {
            session = new AriSession("tollgate-bench-caller-" + UUID.randomUUID().toString().substring(0, 8));
            reader = new Thread(this::read, "bench-caller-events");
            reader.setDaemon(true);
            reader.start();
        }

        String dial(String number, String callerId) throws Exception {
            String id = "caller-" + UUID.randomUUID();
            legs.put(id, new Leg());
            session.post("channels?endpoint=" + enc("PJSIP/" + number + "@" + Caller.ENDPOINT) + "&app="
                    + enc(session.app()) + "&channelId=" + enc(id) + "&formats=" + enc("ulaw,alaw")
                    + "&callerId=" + enc(callerId));
            return id;
        }

        private void read() {
            while (running) {
                try {
                    JsonNode e = session.poll(Duration.ofMillis(200));
                    if (e == null) {
                        continue;
                    }
                    String type = e.path("type").asText();
                    Leg leg = legs.get(e.path("channel").path("id").asText(""));
                    if (leg == null) {
                        continue;
                    }
                    if ("ChannelStateChange".equals(type) && "Up".equals(e.path("channel").path("state").asText())
                            && leg.upAt == null) {
                        leg.upAt = Caller.time(e);
                    } else if ("ChannelDestroyed".equals(type)) {
                        leg.cause = e.path("cause").asInt();
                        leg.goneAt = Caller.time(e);
                    }
                } catch (InterruptedException ex) {
                    return;
                } catch (RuntimeException ex) {
                    System.out.println("bench caller: an event could not be read: " + ex);
                }
            }
        }

        Leg leg(String id) {
            return legs.get(id);
        }

        boolean answered(String id) {
            return legs.get(id).upAt != null;
        }

        boolean gone(String id) {
            return legs.get(id).goneAt != null;
        }

        boolean answeredOrGone(String id) {
            return answered(id) || gone(id);
        }

        /** The most legs up at one moment, from their own Up and Destroyed times as Asterisk stamped them. */
        int peakOverlap() {
            TreeMap<Instant, Integer> deltas = new TreeMap<>();
            for (Leg leg : legs.values()) {
                if (leg.upAt != null) {
                    deltas.merge(leg.upAt, 1, Integer::sum);
                    deltas.merge(leg.goneAt != null ? leg.goneAt : Instant.MAX, -1, Integer::sum);
                }
            }
            int now = 0;
            int max = 0;
            for (int d : deltas.values()) {
                now += d;
                max = Math.max(max, now);
            }
            return max;
        }

        /** Hangs up what is still up (a failed step leaves nothing behind) and disconnects. */
        public void close() throws Exception {
            for (Map.Entry<String, Leg> leg : legs.entrySet()) {
                if (leg.getValue().goneAt == null) {
                    session.delete("channels/" + enc(leg.getKey()));
                }
            }
            running = false;
            reader.join(2000);
            session.close();
        }

        private static String enc(String s) {
            return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    // ---- ARI baseline -------------------------------------------------------------------------------------------

    /** {@code n} bare ARI requests in a row; their round trips in ns. */
    private long[] probes(int n) throws Exception {
        long[] rtt = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            probeClient.asterisk().getInfo().execute();
            rtt[i] = System.nanoTime() - t;
        }
        return rtt;
    }

    /** A bare ARI request every 100 ms while a step runs, on a thread of its own. */
    private final class Probe {
        private final List<Long> rtt = new ArrayList<>();
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::loop, "bench-ari-probe");

        Probe() {
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (running) {
                long t = System.nanoTime();
                try {
                    probeClient.asterisk().getInfo().execute();
                    synchronized (rtt) {
                        rtt.add(System.nanoTime() - t);
                    }
                } catch (Exception e) {
                    // counted by its absence
                }
                LockSupport.parkNanos(PROBE_EVERY.toNanos());
            }
        }

        Quantiles stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
            synchronized (rtt) {
                return Quantiles.ofNanos(rtt.stream().mapToLong(Long::longValue).toArray());
            }
        }
    }

    // ---- instruction propagation --------------------------------------------------------------------------------

    private Propagation propagate(int n, Duration pause) throws Exception {
        return new PropagationRun(n, pause).await();
    }

    /**
     * Publishes {@code n} instructions for a prefix of its own, Block then Unblock, each after the previous one
     * showed in the agent's book; a watcher thread notes when the book changes.
     */
    private final class PropagationRun {
        private final String prefix = "289" + AgentFixture.unique("").substring(3);
        private final int n;
        private final Duration pause;
        private final Thread publisher;
        private final Thread watcher;
        private volatile boolean watching = true;
        private volatile long changedAt;
        private volatile int changes;
        private volatile Hist lagBefore = Hist.EMPTY;
        private final long[] applied;
        private final long[] acked;
        private volatile Exception failure;
        private volatile int done;

        PropagationRun(int n, Duration pause) {
            this.n = n;
            this.pause = pause;
            this.applied = new long[n];
            this.acked = new long[n];
            watcher = new Thread(this::watch, "bench-book-watcher");
            watcher.setDaemon(true);
            watcher.start();
            publisher = new Thread(this::publish, "bench-instruction-publisher");
            publisher.setDaemon(true);
            publisher.start();
        }

        private boolean blocked() {
            return agent.instructions().routingBlocks(fixture.customer).stream()
                    .anyMatch(b -> prefix.equals(b.prefix()));
        }

        private void watch() {
            boolean last = blocked();
            while (watching) {
                boolean now = blocked();
                if (now != last) {
                    last = now;
                    changedAt = System.nanoTime();
                    changes++;
                }
                LockSupport.parkNanos(50_000);
            }
        }

        private void publish() {
            long version = System.currentTimeMillis();
            try (InstructionPublisher kafka = InstructionPublisher.connect(fixture.bootstrap)) {
                kafka.publish(new Unblock(fixture.customer, prefix, null, "bench warm-up", version - 1, "bench",
                        Instant.now())); // connects the producer; lifts nothing
                Thread.sleep(200);
                lagBefore = Hist.of(agent.metrics().instructionLag());
                for (int i = 0; i < n; i++) {
                    Instruction instruction = i % 2 == 0
                            ? new Block(fixture.customer, prefix, null, "bench", version + i, "bench", Instant.now())
                            : new Unblock(fixture.customer, prefix, null, "bench", version + i, "bench", Instant.now());
                    long t0 = System.nanoTime();
                    kafka.publish(instruction);
                    acked[i] = System.nanoTime() - t0;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (changes < i + 1) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("instruction " + i + " not applied within 10 s");
                        }
                        LockSupport.parkNanos(50_000);
                    }
                    applied[i] = changedAt - t0;
                    done = i + 1;
                    Thread.sleep(pause.toMillis());
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        Propagation await() throws Exception {
            publisher.join();
            watching = false;
            watcher.join(5000);
            if (failure != null) {
                System.out.println("instruction propagation failed after " + done + ": " + failure);
            }
            Hist lag = Hist.of(agent.metrics().instructionLag()).minus(lagBefore);
            return new Propagation(done, Quantiles.ofNanos(Arrays.copyOf(applied, done)),
                    Quantiles.ofNanos(Arrays.copyOf(acked, done)), lag);
        }
    }

    record Propagation(int count, Quantiles applied, Quantiles acked, Hist agentLag) {
        String describe() {
            return count + " instructions: " + summary();
        }

        String summary() {
            return String.format(Locale.ROOT, "publish -> applied in the agent's book p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                            + " (publish -> Kafka ack p50 %.1f ms, p99 %.1f ms); agent's lag timer (CreateTime -> applied)"
                            + " p50 %s, p99 %s ms, n=%d",
                    applied.p(0.5), applied.p(0.99), applied.max(), acked.p(0.5), acked.p(0.99),
                    agentLag.ms(0.5), agentLag.ms(0.99), agentLag.count());
        }
    }

    // ---- resources ------------------------------------------------------------------------------------------------

    /** CPU ns of the process, of the agent's live threads and of the driver's; JIT compilation and GC pause ms. */
    record Cpu(long process, long agent, long driver, long jitMs, long gcMs) {
    }

    /** CPU of this JVM, and of the live threads the agent started vs this driver's (ns). */
    private Cpu cpu() {
        long agentNs = 0;
        long driverNs = 0;
        for (long id : threadBean.getAllThreadIds()) {
            long ns = threadBean.getThreadCpuTime(id);
            if (ns < 0) {
                continue;
            }
            if (isAgentThread(id)) {
                agentNs += ns;
            } else {
                driverNs += ns;
            }
        }
        long gcMs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        return new Cpu(os.getProcessCpuTime(), agentNs, driverNs,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), gcMs);
    }

    /** Threads the agent started, and those its pools add later (ARI requests, call threads). */
    private boolean isAgentThread(long id) {
        if (agentThreads.contains(id)) {
            return true;
        }
        var info = threadBean.getThreadInfo(id);
        if (info == null) {
            return false;
        }
        String name = info.getThreadName();
        return name.startsWith("ari-request") || name.startsWith("call-") || name.startsWith("agent-")
                || name.startsWith("instruction-listener") || name.contains("tollgate-agent");
    }

    private static Set<Long> liveThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) {
            ids.add(id);
        }
        return ids;
    }

    /** Asterisk's process as /proc shows it: CPU ticks (user + system), RSS, threads. */
    static final class AsteriskProcess {
        final long pid;
        private final long clkTck;

        AsteriskProcess(Path pidFile, long clkTck) throws Exception {
            this.pid = Long.parseLong(Files.readString(pidFile).strip().split("\\s+")[0]);
            this.clkTck = clkTck;
            String comm = Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
            if (!comm.equals("asterisk")) {
                throw new IllegalStateException("pid " + pid + " from " + pidFile + " is '" + comm + "', not asterisk");
            }
        }

        long cpuTicks() throws Exception {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
        }

        /** {VmRSS kB, Threads}. */
        long[] status() throws Exception {
            long rss = 0;
            long threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return new long[] {rss, threads};
        }

        double ticksPerSecond() {
            return clkTck;
        }

        /** File descriptors open now. */
        long openFiles() throws Exception {
            try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                return fds.count();
            }
        }

        /** The soft limit of open files (RLIMIT_NOFILE). */
        String openFilesLimit() throws Exception {
            return Files.readAllLines(Path.of("/proc/" + pid + "/limits")).stream()
                    .filter(l -> l.startsWith("Max open files")).map(l -> l.trim().split("\\s+")[3]).findFirst()
                    .orElse("?");
        }
    }

    /** Every second: calls on the agent, this JVM's and Asterisk's CPU over the last second, Asterisk's RSS. */
    private final class Sampler {
        volatile int maxActive;
        volatile double maxJvm;
        volatile double maxAsterisk;
        volatile long maxRssKb;
        volatile long maxThreads;
        volatile long maxFds;
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::loop, "bench-sampler");

        Sampler() {
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            try {
                long lastT = System.nanoTime();
                long lastJvm = os.getProcessCpuTime();
                long lastAst = asterisk.cpuTicks();
                while (running) {
                    Thread.sleep(1000);
                    long t = System.nanoTime();
                    long jvm = os.getProcessCpuTime();
                    long ast = asterisk.cpuTicks();
                    double wall = (t - lastT) / 1e9;
                    maxJvm = Math.max(maxJvm, (jvm - lastJvm) / 1e9 / wall);
                    maxAsterisk = Math.max(maxAsterisk, (ast - lastAst) / asterisk.ticksPerSecond() / wall);
                    lastT = t;
                    lastJvm = jvm;
                    lastAst = ast;
                    long[] status = asterisk.status();
                    maxRssKb = Math.max(maxRssKb, status[0]);
                    maxThreads = Math.max(maxThreads, status[1]);
                    maxFds = Math.max(maxFds, asterisk.openFiles());
                    maxActive = Math.max(maxActive, agent.activeCalls());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.out.println("sampler stopped: " + e);
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5000);
        }
    }

    // ---- metrics --------------------------------------------------------------------------------------------------

    /** What the agent's registry holds at one moment: the timers' buckets and the counters. */
    record Metrics(Hist firstDial, Hist routeLookup, Hist ari, Map<String, Hist> ariByOp, Map<String, Double> refused,
                   Map<String, Double> attempts) {
        static Metrics of(AgentMetrics metrics) {
            var registry = metrics.registry();
            Map<String, Hist> byOp = new TreeMap<>();
            for (Timer t : registry.find(AgentMetrics.ARI_REQUEST).timers()) {
                byOp.put(t.getId().getTag("operation"), Hist.of(t));
            }
            Map<String, Double> refused = new TreeMap<>();
            for (Counter c : registry.find(AgentMetrics.CALLS_REFUSED).counters()) {
                refused.put(c.getId().getTag("reason"), c.count());
            }
            Map<String, Double> attempts = new TreeMap<>();
            for (Counter c : registry.find(AgentMetrics.ATTEMPTS).counters()) {
                attempts.put(c.getId().getTag("vendor") + " " + c.getId().getTag("cause"), c.count());
            }
            return new Metrics(Hist.of(metrics.firstDial()), Hist.of(metrics.routeLookup()), Hist.sum(byOp.values()),
                    byOp, refused, attempts);
        }
    }

    private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((k, v) -> {
            double delta = v - before.getOrDefault(k, 0.0);
            if (delta != 0) {
                d.put(k, delta);
            }
        });
        return d;
    }

    /**
     * A timer's cumulative histogram (bucket upper bounds in ns, counts of values at most that), so that two
     * moments can be subtracted and the quantiles of what happened between them read off, interpolating within a
     * bucket as Prometheus' histogram_quantile does. Micrometer's buckets are at most a third wide.
     */
    record Hist(double[] bounds, double[] cumulative, long count, double maxNs) {
        static final Hist EMPTY = new Hist(new double[0], new double[0], 0, 0);

        static Hist of(Timer timer) {
            HistogramSnapshot s = timer.takeSnapshot();
            CountAtBucket[] buckets = s.histogramCounts();
            double[] bounds = new double[buckets.length];
            double[] cum = new double[buckets.length];
            for (int i = 0; i < buckets.length; i++) {
                bounds[i] = buckets[i].bucket(TimeUnit.NANOSECONDS);
                cum[i] = buckets[i].count();
            }
            return new Hist(bounds, cum, s.count(), s.max(TimeUnit.NANOSECONDS));
        }

        static Hist sum(Collection<Hist> hists) {
            Hist total = EMPTY;
            for (Hist h : hists) {
                total = total.plus(h);
            }
            return total;
        }

        Hist plus(Hist o) {
            if (bounds.length == 0) {
                return o;
            }
            if (!Arrays.equals(bounds, o.bounds)) {
                throw new IllegalArgumentException("different buckets");
            }
            double[] c = new double[cumulative.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = cumulative[i] + o.cumulative[i];
            }
            return new Hist(bounds, c, count + o.count, Math.max(maxNs, o.maxNs));
        }

        Hist minus(Hist before) {
            if (before.bounds.length == 0) {
                return this;
            }
            double[] c = new double[cumulative.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = cumulative[i] - before.cumulative[i];
            }
            return new Hist(bounds, c, count - before.count, maxNs);
        }

        /** The q-quantile in ms, or NaN when empty; "above the last bucket" gives +Infinity. */
        double quantileMs(double q) {
            if (count == 0) {
                return Double.NaN;
            }
            double rank = q * count;
            double lower = 0;
            double below = 0;
            for (int i = 0; i < bounds.length; i++) {
                if (cumulative[i] >= rank) {
                    double inBucket = cumulative[i] - below;
                    double fraction = inBucket == 0 ? 1 : (rank - below) / inBucket;
                    return (lower + (bounds[i] - lower) * fraction) / 1e6;
                }
                lower = bounds[i];
                below = cumulative[i];
            }
            return Double.POSITIVE_INFINITY;
        }

        String ms(double q) {
            double v = quantileMs(q);
            return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? ">" + fmt(bounds[bounds.length - 1] / 1e6) : fmt(v);
        }
    }

    /** Exact quantiles of samples in ns, read in ms. */
    record Quantiles(long[] sorted) {
        static Quantiles ofNanos(long[] samples) {
            long[] s = samples.clone();
            Arrays.sort(s);
            return new Quantiles(s);
        }

        double p(double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }

        double max() {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
        }

        int n() {
            return sorted.length;
        }
    }

    // ---- one step's figures -------------------------------------------------------------------------------------

    static final class Step {
        final int calls;
        final int talkS;
        int placed;
        int answered;
        int completed;
        final Map<String, Integer> failures = new TreeMap<>();
        double dialS;
        double answeredS;
        double endedS;
        double wallS;
        int activeAtPeak;
        String channelsAtPeak;
        int peakUp;
        int maxActive;
        boolean drained;
        Hist firstDial;
        Hist routeLookup;
        Hist ari;
        final Map<String, Hist> ariByOp = new TreeMap<>();
        Map<String, Double> refused;
        Map<String, Double> attempts;
        Quantiles probe;
        double jvmCpuS;
        double agentCpuS;
        double driverCpuS;
        double jitS;
        double gcS;
        double asteriskCpuS;
        double maxJvmCpu;
        double maxAsteriskCpu;
        double maxAsteriskRssMb;
        long maxAsteriskThreads;
        long maxAsteriskFds;
        String asteriskFdLimit;
        Propagation propagation;

        Step(int calls, int talkS) {
            this.calls = calls;
            this.talkS = talkS;
        }

        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        double roundTrips() {
            return firstDial.quantileMs(0.5) / probe.p(0.5);
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "calls: %d placed (talk %d s) in %.1f s, %d answered by %.1f s, %d completed"
                            + " (answered, cause 16), %d failed %s; all ended by %.1f s%n", placed, talkS, dialS, answered,
                    answeredS, completed, failed(), failures, endedS));
            b.append(String.format(Locale.ROOT, "peak: %d caller legs up at once (from their Up/Destroyed times); agent: %d"
                    + " calls when all were answered, max sampled %d; ARI: %s; drained: %s%n", peakUp, activeAtPeak,
                    maxActive, channelsAtPeak, drained));
            b.append(String.format(Locale.ROOT, "agent: StasisStart -> first vendor dial p50 %s ms, p99 %s ms (n=%d);"
                            + " route lookup p50 %s ms, p99 %s ms (n=%d)%n", firstDial.ms(0.5), firstDial.ms(0.99),
                    firstDial.count(), routeLookup.ms(0.5), routeLookup.ms(0.99), routeLookup.count()));
            b.append(String.format(Locale.ROOT, "ARI requests of the agent: p50 %s ms, p99 %s ms (n=%d); by operation:",
                    ari.ms(0.5), ari.ms(0.99), ari.count()));
            ariByOp.forEach((op, h) -> {
                if (h.count() > 0) {
                    b.append(String.format(Locale.ROOT, " %s %s/%s", op, h.ms(0.5), h.ms(0.99)));
                }
            });
            b.append(String.format(Locale.ROOT, "%nbaseline: GET asterisk/info every 100 ms meanwhile: p50 %.2f ms, p99 %.2f ms"
                    + " (n=%d) -> first dial p50 = %.1f bare round trips%n", probe.p(0.5), probe.p(0.99), probe.n(),
                    roundTrips()));
            b.append(String.format(Locale.ROOT, "CPU over %.1f s: this JVM %.1f s (agent threads %.1f s, driver threads %.1f s,"
                            + " other %.1f s: JIT compiling %.1f s, GC pauses %.2f s, threads gone meanwhile) = %.1f ms per call,"
                            + " peak %.0f%% of a core; Asterisk %.1f s = %.1f ms per call, peak %.0f%%; Asterisk max RSS"
                            + " %.0f MB, %d threads, %d open files (limit %s)%n", wallS, jvmCpuS, agentCpuS, driverCpuS, jvmCpuS - agentCpuS - driverCpuS,
                    jitS, gcS, jvmCpuS * 1000 / Math.max(1, placed), maxJvmCpu * 100,
                    asteriskCpuS, asteriskCpuS * 1000 / Math.max(1, placed), maxAsteriskCpu * 100, maxAsteriskRssMb,
                    maxAsteriskThreads, maxAsteriskFds, asteriskFdLimit));
            b.append("agent counters: attempts (vendor cause) ").append(attempts).append(", refused ").append(refused);
            if (propagation != null) {
                b.append(String.format("%ninstructions during the step: %s", propagation.describe()));
            }
            return b.toString();
        }

        static String header() {
            return "| concurrent | placed | completed | failed (cause) | peak up | first dial p50 / p99 (ms) |"
                    + " route lookup p50 / p99 (ms) | agent ARI requests p50 / p99 (ms) | bare GET info p50 / p99 (ms) |"
                    + " first dial in round trips (p50) | JVM CPU per call (agent threads) | JVM peak | Asterisk CPU per call"
                    + " | Asterisk peak | Asterisk RSS / threads / open files |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
        }

        String row() {
            String failedText = failures.isEmpty() ? "0" : failed() + " " + failures;
            return String.format(Locale.ROOT, "| %d | %d | %d | %s | %d | %s / %s | %s / %s | %s / %s | %.2f / %.2f | %.1f |"
                            + " %.1f ms (%.1f ms) | %.0f%% | %.1f ms | %.0f%% | %.0f MB / %d / %d |",
                    calls, placed, completed, failedText, peakUp, firstDial.ms(0.5), firstDial.ms(0.99),
                    routeLookup.ms(0.5), routeLookup.ms(0.99), ari.ms(0.5), ari.ms(0.99), probe.p(0.5), probe.p(0.99),
                    roundTrips(), jvmCpuS * 1000 / Math.max(1, placed), agentCpuS * 1000 / Math.max(1, placed),
                    maxJvmCpu * 100, asteriskCpuS * 1000 / Math.max(1, placed), maxAsteriskCpu * 100, maxAsteriskRssMb,
                    maxAsteriskThreads, maxAsteriskFds);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static String fmt(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms)
                : ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms)
                : ms >= 0.1 ? String.format(Locale.ROOT, "%.2f", ms) : String.format(Locale.ROOT, "%.4f", ms);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Waits for {@code condition}; false after {@code patience}, or fails naming {@code what} when it is given. */
    private static boolean waitFor(java.util.function.BooleanSupplier condition, Duration patience, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                if (what != null) {
                    throw new IllegalStateException("waited " + patience.toSeconds() + " s for " + what);
                }
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
