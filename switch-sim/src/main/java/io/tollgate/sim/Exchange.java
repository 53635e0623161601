package io.tollgate.sim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The simulated switch's state: channels, bridges and Stasis applications, changed by one thread only.
 *
 * <p>Every REST request and every timer (a far end answering, a call's talk time running out) is one step on that
 * thread; a step changes state and queues the events it causes, and the events are handed to the sockets when the
 * step ends. One thread keeps the event order of a call exactly as the steps happened, needs no locks, and is
 * plenty: a step takes microseconds, so tens of thousands of calls cost a fraction of a core. Timers live in the
 * same {@link ScheduledThreadPoolExecutor}, so no call has a thread of its own. Reads from other threads (counts for
 * tests) see the concurrent maps.
 */
final class Exchange {
    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    final SwitchSim.Options options;
    final Events events;
    final Faults faults;
    final Map<String, Channel> channels = new ConcurrentHashMap<>();
    final Map<String, Bridge> bridges = new ConcurrentHashMap<>();
    final Map<String, StasisApp> apps = new ConcurrentHashMap<>();
    final Dialplan dialplan;
    final VendorLegs vendorLegs;

    final Stasis stasis;
    final Hangups hangups;
    final BridgeControl bridgeControl;
    final ChannelControl channelControl;
    final FarEnds farEnds;

    private final ScheduledThreadPoolExecutor core;
    private long uniqueSeq;
    private int pjsipSeq;
    private int localSeq;
    final long startedAt;

    Exchange(SwitchSim.Options options) {
        this.options = options;
        this.faults = new Faults(this);
        this.events = new Events(options.asteriskId(), System::currentTimeMillis, options.chattyEvents(), apps.values());
        this.dialplan = new Dialplan(options);
        this.vendorLegs = new VendorLegs(options.recordVendorLegs());
        this.core = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "switch-sim-exchange");
            t.setDaemon(true);
            return t;
        });
        core.setRemoveOnCancelPolicy(true);
        this.stasis = new Stasis(this);
        this.hangups = new Hangups(this);
        this.bridgeControl = new BridgeControl(this);
        this.farEnds = new FarEnds(this);
        this.channelControl = new ChannelControl(this);
        this.startedAt = System.currentTimeMillis();
        uniqueSeq = ThreadLocalRandom.current().nextInt(1000);
    }

    // ---- steps on the exchange's thread ------------------------------------------------------------------------

    /** Runs {@code step} on the exchange's thread and completes with its result. */
    <T> CompletableFuture<T> call(Supplier<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            core.execute(() -> {
                try {
                    result.complete(step.get());
                } catch (RuntimeException | Error e) {
                    log.error("switch step failed", e);
                    result.completeExceptionally(e);
                } finally {
                    events.flush();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    void run(Runnable step) {
        call(() -> {
            step.run();
            return null;
        });
    }

    /** Schedules {@code step} on the exchange's thread after {@code millis}. */
    ScheduledFuture<?> later(long millis, Runnable step) {
        return core.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                log.error("switch timer failed", e);
            } finally {
                events.flush();
            }
        }, Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code step} on the exchange's thread every {@code millis}. */
    ScheduledFuture<?> every(long millis, Runnable step) {
        return core.scheduleAtFixedRate(() -> {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                log.error("switch timer failed", e);
            } finally {
                events.flush();
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    void shutdown() {
        core.shutdownNow();
    }

    // ---- names and ids -----------------------------------------------------------------------------------------

    /** An id like Asterisk's uniqueid: creation second, a dot, a running number ({@code 1764166123.45}). */
    String newUniqueId() {
        String id;
        do {
            id = (System.currentTimeMillis() / 1000) + "." + (uniqueSeq++);
        } while (channels.containsKey(id));
        return id;
    }

    String pjsipName(String endpoint) {
        return "PJSIP/" + endpoint + "-" + String.format("%08x", pjsipSeq++);
    }

    /** {@code Local/<exten>@<context>-0000000a}: the pair's halves add ;1 and ;2. */
    String localBaseName(String exten, String context) {
        return "Local/" + exten + "@" + context + "-" + String.format("%08x", localSeq++);
    }

    static String newProtocolId() {
        return UUID.randomUUID().toString();
    }

    // ---- lookups -----------------------------------------------------------------------------------------------

    Channel channel(String id) {
        return id == null ? null : channels.get(id);
    }

    Bridge bridge(String id) {
        return id == null ? null : bridges.get(id);
    }

    StasisApp app(String name) {
        return apps.computeIfAbsent(name, StasisApp::new);
    }

    /** Adds a channel to the switch and tells {@code subscribeAll} watchers. */
    void add(Channel ch) {
        channels.put(ch.id, ch);
        events.channelCreated(ch);
    }

    /** Removes a destroyed channel. */
    void remove(Channel ch) {
        channels.remove(ch.id, ch);
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    /** Closes every event WebSocket: the applications lose their registration, channels and bridges stay. */
    void dropEventSockets() {
        dropEventSockets(name -> true);
    }

    /** Closes the event WebSockets of the applications {@code which} names. */
    void dropEventSockets(java.util.function.Predicate<String> which) {
        for (Map.Entry<String, StasisApp> app : apps.entrySet()) {
            if (app.getValue().stream != null && which.test(app.getKey())) {
                app.getValue().stream.drop();
            }
        }
    }

    /**
     * An Asterisk restart: every event socket drops and every channel and bridge is gone without an event (nobody
     * is connected to hear them go). Applications come back empty when clients reconnect.
     */
    void restart() {
        List<EventStream> streams = new ArrayList<>();
        for (StasisApp app : apps.values()) {
            if (app.stream != null && !streams.contains(app.stream)) {
                streams.add(app.stream);
            }
            app.stream = null;
            events.forget(app);
        }
        for (Channel ch : channels.values()) {
            ch.cancelTimers();
            ch.hungUp = true;
        }
        for (Bridge bridge : bridges.values()) {
            bridgeControl.cancelNativeSwitch(bridge);
            bridge.destroyed = true;
        }
        channels.clear();
        bridges.clear();
        apps.clear();
        for (EventStream stream : streams) {
            stream.drop();
        }
    }
}
