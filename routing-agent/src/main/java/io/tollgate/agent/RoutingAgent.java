package io.tollgate.agent;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.tools.AriConnectionEvent;
import ch.loway.oss.ari4java.tools.BaseAriAction;
import ch.loway.oss.ari4java.tools.RestException;
import io.tollgate.agent.ari.AriEvents;
import io.tollgate.agent.ari.AriHttp;
import io.tollgate.agent.ari.AriJson;
import io.tollgate.agent.ari.AriSwitch;
import io.tollgate.agent.ari.EventFilter;
import io.tollgate.agent.ari.OrphanSweeper;
import io.tollgate.agent.kafka.InstructionListener;
import io.tollgate.agent.kafka.KafkaCallEvents;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.ingest.config.TollgateConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One routing agent: the ARI application on one Asterisk, wired to Kafka (call events out, instructions in),
 * the decks of tollgate.yaml, and its metrics and health endpoint. {@link #start} returns once instructions
 * are replayed and the event stream is connected, so the first call already obeys every block in force.
 */
public final class RoutingAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoutingAgent.class);
    private static final Duration REPLAY_PATIENCE = Duration.ofSeconds(60);
    private static final Duration DISCONNECT_PATIENCE = Duration.ofSeconds(5);
    private static final Duration PERIODIC_SWEEP = Duration.ofSeconds(30);
    /**
     * ARI requests in flight at once; each waits for its answer (about a millisecond on loopback). At 500 calls/s
     * (some 4,500 requests/s) thread dumps found 0 to 9 of 32 busy; each thread and its pooled connection keep
     * buffers for good (about 1.5 MB for 32), which counted against the agent's heap after a load test.
     */
    private static final int ARI_REQUEST_THREADS = 16;

    private final AgentMetrics metrics = new AgentMetrics();
    private final InstructionBook book = new InstructionBook();
    private final ScheduledExecutorService timer = timer();
    private final ExecutorService sweeps = Executors.newSingleThreadExecutor(daemon("agent-sweeper"));
    private final ExecutorService ariRequests = Executors.newFixedThreadPool(ARI_REQUEST_THREADS, daemon("ari-request"));
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AgentOptions options;
    private CallThreads.Pool threads;
    private KafkaCallEvents events;
    private InstructionListener instructions;
    private ARI ari;
    private CallControl control;
    private OrphanSweeper sweeper;
    private EventFilter eventFilter;
    private AgentHttp http;

    private RoutingAgent(AgentOptions options) {
        this.options = options;
    }

    public static RoutingAgent start(TollgateConfig config, AgentOptions options) throws Exception {
        RoutingAgent agent = new RoutingAgent(options);
        try {
            agent.run(config);
            return agent;
        } catch (Exception | Error e) {
            agent.close();
            throw e;
        }
    }

    private void run(TollgateConfig config) throws Exception {
        var services = config.services();
        ConfiguredDecks configured = new ConfiguredDecks(services.clickhouse());
        Decks decks = new Decks(configured.vendors(config), configured.customers(config), configured, timer,
                Clock.systemUTC());
        book.onDeckActivation(decks::activate);

        events = KafkaCallEvents.connect(KafkaCallEvents.Settings.defaults(services.kafkaBootstrap())
                .withBound(options.eventBuffer(), Math.max(1, options.eventBuffer() / 10)), metrics);
        instructions = InstructionListener.start(services.kafkaBootstrap(), book, options.agentId(), metrics);
        if (!instructions.awaitCaughtUp(REPLAY_PATIENCE)) {
            throw new IllegalStateException("the instructions on Kafka (" + services.kafkaBootstrap() + ") were not"
                    + " replayed within " + REPLAY_PATIENCE.toSeconds() + " s; is Kafka up and the topic created?"
                    + " (tollgate topics create)");
        }

        BaseAriAction.setObjectMapperLessStrict();
        AriJson.tune();
        var address = services.ari();
        if (!address.password().isSet()) {
            throw new IllegalStateException("no ARI password: set TOLLGATE_ARI_PASSWORD or services.ari.password_file");
        }
        ari = ARI.build(serverRoot(address.url()), options.app(), address.user(), address.password().reveal(),
                AriVersion.ARI_10_0_0);
        AriHttp ariHttp = new AriHttp(serverRoot(address.url()), address.user(), address.password().reveal());
        ari.setHttpClient(ariHttp);
        eventFilter = new EventFilter(ariHttp, options.app(), AriEvents.HANDLED);
        threads = CallThreads.pool(options.callThreads());
        ChannelIds ids = new ChannelIds(options.agentId());
        control = new CallControl(
                new AriSwitch(ari, options.app(), (op, nanos) -> metrics.ariRequest(op).record(nanos, TimeUnit.NANOSECONDS),
                        ariRequests),
                events, threads, timer, Clock.systemUTC(),
                new CallControl.Settings(options.agentId(), (int) options.dialTimeout().toSeconds(),
                        new CausePolicy(options.stopCauses())),
                new CallControl.Parts(customers(config), new Admission(options.longestCall()),
                        new RoutePlanner(decks, book, options.routeLimit(), new SecureRandom()), trunks(config),
                        book, NumberNormalizer.plain(), ids, new MeteredCalls(metrics)));
        sweeper = new OrphanSweeper(ari, ariHttp, options.app(), ids, control);
        ari.eventsCallback(new AriEvents(control, ids, this::connection, sweeper::userEvent));
        // events lost without a disconnect being noticed, or in the moments a sweep could not judge, are caught
        // by sweeping now and then as well, not only after a reconnect
        timer.scheduleWithFixedDelay(() -> sweeps.execute(this::sweepOrWarn), PERIODIC_SWEEP.toSeconds(),
                PERIODIC_SWEEP.toSeconds(), TimeUnit.SECONDS);
        http = AgentHttp.start(options.httpHost(), options.httpPort(), metrics, health());
        log.info("routing agent {} serving Stasis app '{}' on {}; metrics and health on http://{}:{}/",
                options.agentId(), options.app(), address.url(), options.httpHost(), http.port());
    }

    /** ari4java wants the HTTP server's root and adds {@code ari/} itself; the configuration names ARI's base. */
    static String serverRoot(java.net.URI ariBase) {
        String base = ariBase.toString();
        String root = base.replaceFirst("ari/?$", "");
        return root.endsWith("/") ? root : root + "/";
    }

    private void connection(AriConnectionEvent event) {
        connected.set(event == AriConnectionEvent.WS_CONNECTED);
        if (event == AriConnectionEvent.WS_CONNECTED) {
            eventFilter.forget();
            sweeps.execute(this::sweepOrWarn);
        }
    }

    /**
     * Lists what the switch has and notes what no call owns; what is still there and unowned {@link
     * OrphanSweeper#SETTLE} later is cleared. Runs after every (re)connect and every 30 s.
     */
    public OrphanSweeper.Swept sweep() throws RestException {
        OrphanSweeper.Swept swept = sweeper.sweep();
        if (swept.suspects() > 0) {
            timer.schedule(() -> sweeps.execute(sweeper::confirm), OrphanSweeper.SETTLE.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return swept;
    }

    /**
     * The event filter until it takes, then the sweep; either failing (the switch unreachable, a request refused)
     * waits for the next sweep.
     */
    private void sweepOrWarn() {
        try {
            eventFilter.apply();
        } catch (RestException | RuntimeException e) {
            log.warn("asking the switch to filter events failed (they come unfiltered until the next sweep): {}",
                    e.toString());
        }
        try {
            sweep();
        } catch (RestException | RuntimeException e) {
            log.warn("sweeping orphans failed: {}", e.toString());
        }
    }

    private Map<String, java.util.function.BooleanSupplier> health() {
        Map<String, java.util.function.BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("ari", connected::get);
        checks.put("instructions", instructions::caughtUp);
        checks.put("events", () -> events.hasRoomFor(CallControl.EVENTS_PER_CALL));
        return checks;
    }

    private Customers customers(TollgateConfig config) {
        return new Customers(config.customers().stream()
                .map(c -> new Customers.Account(c.id(), c.endpoints(), new CustomerLimits(c.limits().concurrentCalls(),
                        c.limits().cps(), c.limits().credit())))
                .toList(), book);
    }

    private TrunkPool trunks(TollgateConfig config) {
        Map<String, List<TrunkPool.Trunk>> trunks = new LinkedHashMap<>();
        for (var vendor : config.vendors()) {
            trunks.put(vendor.id(), vendor.trunks().stream()
                    .map(t -> new TrunkPool.Trunk(vendor.id(), t.endpoint(), t.capacity())).toList());
        }
        return new TrunkPool(trunks, vendor -> book.limit(Party.VENDOR, vendor)
                .map(l -> l.maxChannels() == null ? Integer.MAX_VALUE : l.maxChannels()).orElse(Integer.MAX_VALUE));
    }

    /** The instructions in force here. */
    public InstructionBook instructions() {
        return book;
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    public int activeCalls() {
        return control == null ? 0 : control.active();
    }

    public boolean connected() {
        return connected.get();
    }

    public int httpPort() {
        return http.port();
    }

    /** Stops taking events, lets the event buffer drain into Kafka, and lets go of every connection. */
    @Override
    public void close() {
        if (ari != null) {
            disconnect(ari);
        }
        sweeps.shutdownNow();
        ariRequests.shutdown();
        if (threads != null) {
            try {
                threads.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (instructions != null) {
            instructions.close();
        }
        if (events != null) {
            events.close();
        }
        if (http != null) {
            http.close();
        }
        timer.shutdownNow();
    }

    /**
     * ari4java's cleanup unsubscribes the application over REST and waits for the answer without a limit; an
     * Asterisk that does not answer must not keep the agent from stopping (and from draining its events).
     */
    private static void disconnect(ARI ari) {
        Thread cleanup = new Thread(ari::cleanup, "ari-cleanup");
        cleanup.setDaemon(true);
        cleanup.start();
        try {
            cleanup.join(DISCONNECT_PATIENCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (cleanup.isAlive()) {
            log.warn("ARI did not confirm the disconnect within {} s; stopping anyway", DISCONNECT_PATIENCE.toSeconds());
        }
    }

    /**
     * One thread for every call's longest-duration timer and for deck activations. A timer is cancelled when its
     * call ends, and a cancelled task must leave the queue then: by default it stays queued until its time (the
     * longest call, 4 h), so every call answered in the last 4 h would hold a task on the heap.
     */
    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("agent-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
