package io.tollgate.sim;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * An ARI-compatible switch in the process: Asterisk 22's REST resources and event WebSocket at
 * {@code http://127.0.0.1:PORT/ari/}, configured like the local stack's Asterisk (infra/asterisk/conf): customer
 * calls enter Stasis app {@code tollgate} with the dialled number, {@code PJSIP/<n>@caller} places such a call over
 * "SIP", and {@code PJSIP/<n>@vendor-a|b|c} reach vendors that behave by number prefix like the stack's [vendor-sim].
 * Other trunks follow {@link VendorProfile}s. No media flows.
 *
 * <pre>
 * try (SwitchSim sim = SwitchSim.start(SwitchSim.Options.builder().talkTime(Duration.ofSeconds(2)).build())) {
 *     ARI ari = ARI.build("http://127.0.0.1:" + sim.port() + "/", "tollgate", "tollgate", "tollgate", ...);
 * }
 * </pre>
 */
public final class SwitchSim implements AutoCloseable {
    private final Options options;
    private final Exchange exchange;
    private final AsteriskInfo info;
    private final AriServer server;
    private volatile int port = -1;

    private SwitchSim(Options options) {
        this.options = options;
        this.exchange = new Exchange(options);
        this.info = new AsteriskInfo(exchange);
        this.server = new AriServer(exchange, new AriResources(exchange, info), new SimResources(exchange), options);
    }

    /** Starts a simulator with {@code options}; it listens once this returns. */
    public static SwitchSim start(Options options) {
        SwitchSim sim = new SwitchSim(options);
        try {
            sim.port = sim.server.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sim.stop();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            sim.stop();
            throw e;
        }
        sim.info.port(sim.port);
        return sim;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** ARI's base: {@code http://127.0.0.1:PORT/ari/}. */
    public URI ariUri() {
        return URI.create("http://" + options.host() + ":" + port + "/ari/");
    }

    public Options options() {
        return options;
    }

    /** Channels that exist now (every leg counts: a bridged call with a caller leg is three or four). */
    public int channels() {
        return exchange.channels.size();
    }

    /** Bridges that exist now. */
    public int bridges() {
        return exchange.bridges.size();
    }

    /** Calls the dialplan put into Stasis application {@code app} so far: each customer call that reached it. */
    public long stasisEntered(String app) {
        return exchange.app(app).entered.get();
    }

    /** Calls the dialplan could not put into {@code app}: no client held it then (Asterisk: STASISSTATUS=FAILED). */
    public long stasisRefused(String app) {
        return exchange.app(app).refused.get();
    }

    /**
     * What the vendors carried: every answered vendor leg that has ended so far, in the order they ended, with the
     * times of its answer and end as its ARI events show them. Empty unless {@link Builder#recordVendorLegs}.
     */
    public List<VendorLeg> vendorLegs() {
        return exchange.vendorLegs.snapshot();
    }

    public Faults faults() {
        return exchange.faults;
    }

    /** Gives trunk {@code name} (new or existing) a vendor profile, from the next dialled call on. */
    public void assign(String name, VendorProfile profile) {
        assign(name, profile.behaviour(new SplittableRandom(options.seed() ^ name.hashCode())));
    }

    /** Gives trunk {@code name} (new or existing) a behaviour of its own. */
    public void assign(String name, VendorBehaviour behaviour) {
        await(exchange.call(() -> {
            exchange.dialplan.assign(name, behaviour);
            return null;
        }));
    }

    /** Waits until every step queued so far has run (its events handed to the sockets). */
    public void settle() {
        await(exchange.call(() -> null));
    }

    public void stop() {
        server.stop();
        exchange.shutdown();
    }

    @Override
    public void close() {
        stop();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the switch did not answer", e);
        }
    }

    /** How one trunk's far end is made, given the random source the simulator's seed derives for it. */
    @FunctionalInterface
    public interface TrunkSetup {
        VendorBehaviour behaviour(RandomGenerator random);
    }

    /**
     * @param host                    address to bind (loopback)
     * @param port                    port, 0 for a free one
     * @param user                    ARI user
     * @param password                ARI password
     * @param talkTime                SIM_TALK_S: talk time of the prefix vendors' numbers without one of their own
     * @param trunks                  PJSIP trunk endpoints and their far ends
     * @param customerContexts        dialplan contexts that send calls to a Stasis application, context → app
     * @param waitContexts            contexts that just keep a call up ([caller-wait])
     * @param callerEndpoint          the default line's caller endpoint; its calls arrive on {@code customerEndpoint}
     * @param customerEndpoint        the default line's customer endpoint
     * @param customerEndpointContext the context calls on every customer endpoint enter
     * @param chattyEvents            send the ChannelVarset events Asterisk sends by itself (STASISSTATUS,
     *                                BRIDGEPEER, RTP statistics); fidelity, at the cost of about half the events
     * @param asteriskId              {@code asterisk_id} and entity id
     * @param seed                    seed of the vendor profiles' random draws
     * @param ioThreads               Netty event loop threads (HTTP parsing, socket writes)
     * @param customerLines           every customer line, caller endpoint → customer endpoint, the pair
     *                                {@code callerEndpoint → customerEndpoint} first (added if missing): one per
     *                                customer, since the routing agent knows the customer by its endpoint
     * @param recordVendorLegs        keep a {@link VendorLeg} of every answered vendor leg
     *                                ({@link SwitchSim#vendorLegs()}); off by default: load tests hold nothing per call
     */
    public record Options(String host, int port, String user, String password, Duration talkTime,
                          Map<String, TrunkSetup> trunks, Map<String, String> customerContexts,
                          Set<String> waitContexts, String callerEndpoint, String customerEndpoint,
                          String customerEndpointContext, boolean chattyEvents, String asteriskId, long seed,
                          int ioThreads, Map<String, String> customerLines, boolean recordVendorLegs) {
        public Options {
            trunks = Map.copyOf(trunks);
            customerContexts = Map.copyOf(customerContexts);
            waitContexts = Set.copyOf(waitContexts);
            customerLines = CustomerLines.of(callerEndpoint, customerEndpoint, customerLines, trunks.keySet());
        }

        /** The options as they were before customer lines and vendor-leg records: one line, nothing recorded. */
        public Options(String host, int port, String user, String password, Duration talkTime,
                       Map<String, TrunkSetup> trunks, Map<String, String> customerContexts, Set<String> waitContexts,
                       String callerEndpoint, String customerEndpoint, String customerEndpointContext,
                       boolean chattyEvents, String asteriskId, long seed, int ioThreads) {
            this(host, port, user, password, talkTime, trunks, customerContexts, waitContexts, callerEndpoint,
                    customerEndpoint, customerEndpointContext, chattyEvents, asteriskId, seed, ioThreads, Map.of(),
                    false);
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The local stack's setup on a free port, with user and password tollgate/tollgate. */
        public static Options defaults() {
            return builder().build();
        }
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String user = "tollgate";
        private String password = "tollgate";
        private Duration talkTime = Duration.ofSeconds(20);
        private final Map<String, TrunkSetup> trunks = new LinkedHashMap<>();
        private final Map<String, String> customerContexts = new LinkedHashMap<>(Map.of("from-customer", "tollgate"));
        private final Set<String> waitContexts = new LinkedHashSet<>(Set.of("caller-wait"));
        private String callerEndpoint = "caller";
        private String customerEndpoint = "customer";
        private String customerEndpointContext = "from-customer";
        private boolean chattyEvents = true;
        private String asteriskId = "02:00:53:49:4d:01";
        private long seed = 1;
        private int ioThreads = 2;
        private final Map<String, String> customerLines = new LinkedHashMap<>();
        private boolean recordVendorLegs;

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** SIM_TALK_S of the prefix vendors (default 20 s). */
        public Builder talkTime(Duration talkTime) {
            this.talkTime = talkTime;
            return this;
        }

        /** A trunk whose far end behaves like {@code behaviour}. */
        public Builder trunk(String name, VendorBehaviour behaviour) {
            trunks.put(name, random -> behaviour);
            return this;
        }

        /** A trunk whose far end follows a statistical profile. */
        public Builder trunk(String name, VendorProfile profile) {
            trunks.put(name, profile::behaviour);
            return this;
        }

        /** A trunk that plays the local stack's prefix vendor number {@code vendor} (1, 2, 3 for a, b, c). */
        public Builder vendorSim(String name, int vendor) {
            trunks.put(name, random -> new VendorSim(vendor, talkTime));
            return this;
        }

        /** Sends calls entering {@code context} into Stasis application {@code app}. */
        public Builder customerContext(String context, String app) {
            customerContexts.put(context, app);
            return this;
        }

        public Builder chattyEvents(boolean chattyEvents) {
            this.chattyEvents = chattyEvents;
            return this;
        }

        public Builder asteriskId(String asteriskId) {
            this.asteriskId = asteriskId;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder callerEndpoint(String callerEndpoint) {
            this.callerEndpoint = callerEndpoint;
            return this;
        }

        public Builder customerEndpoint(String customerEndpoint, String context) {
            this.customerEndpoint = customerEndpoint;
            this.customerEndpointContext = context;
            return this;
        }

        /**
         * One more customer: calls originated to {@code PJSIP/<n>@<callerEndpoint>} arrive as
         * {@code PJSIP/<customerEndpoint>-XXXXXXXX} in the customer context, as the default pair's do.
         */
        public Builder customerLine(String callerEndpoint, String customerEndpoint) {
            customerLines.put(callerEndpoint, customerEndpoint);
            return this;
        }

        /** Keep a record of every answered vendor leg, for {@link SwitchSim#vendorLegs()} (default off). */
        public Builder recordVendorLegs(boolean recordVendorLegs) {
            this.recordVendorLegs = recordVendorLegs;
            return this;
        }

        public Options build() {
            Map<String, TrunkSetup> all = new LinkedHashMap<>();
            Duration talk = talkTime;
            // the stack's three trunks unless configured otherwise; their talk time is the final one
            String[] stackTrunks = {"vendor-a", "vendor-b", "vendor-c"};
            for (int i = 0; i < stackTrunks.length; i++) {
                int vendor = i + 1;
                all.put(stackTrunks[i], random -> new VendorSim(vendor, talk));
            }
            all.putAll(trunks);
            return new Options(host, port, user, password, talkTime, all, customerContexts, waitContexts,
                    callerEndpoint, customerEndpoint, customerEndpointContext, chattyEvents, asteriskId, seed,
                    ioThreads, customerLines, recordVendorLegs);
        }
    }
}
