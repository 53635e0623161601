package io.tollgate.agent.ari;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.tools.RestException;
import io.tollgate.agent.CallControl;
import io.tollgate.agent.ChannelIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cleans up after events the agent never saw. Asterisk does not queue events while the WebSocket is down, and a
 * restarted agent remembers nothing: on every (re)connect, and every 30 s, the sweeper lists the switch's channels
 * and bridges and finds what is ours but belongs to no call in progress — bridges and vendor legs by their id,
 * customer legs by sitting in our Stasis application. Calls in progress whose channels vanished meanwhile are ended
 * as if their ChannelDestroyed had arrived.
 *
 * <p>A listing is a snapshot, and under load the events behind it can be seconds late, so nothing is cleared on
 * one look (it was, and under a load test the sweeper hung up hundreds of live calls and published a second END
 * for dozens that had just ended):
 * <ul>
 *   <li>after listing, the sweeper sends itself a user event through the application and waits for it on the
 *       event stream: every StasisStart of a listed customer leg came before it, so call control knows every
 *       call the listing shows by then;</li>
 *   <li>what is still unowned then is only a suspect; {@link #confirm} looks at each again at least
 *       {@link #SETTLE} later, one by one, and clears those still there and still unowned (a call that was
 *       ending during the listing is gone by then).</li>
 * </ul>
 */
public final class OrphanSweeper {
    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);
    /** How long a sweep waits for its own user event to come back before it gives up judging customer legs. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    static final String MARKER = "tollgate-sweep-";

    /**
     * How long after a sweep its suspects are looked at again: longer than a call's teardown takes to finish on
     * the switch.
     */
    public static final Duration SETTLE = Duration.ofMillis(2000);

    private final ARI ari;
    private final AriHttp listings;
    private final String app;
    private final ChannelIds ids;
    private final CallControl control;
    private final Map<String, CompletableFuture<Void>> markers = new ConcurrentHashMap<>();
    private final AtomicLong sweeps = new AtomicLong();
    /** Tells this sweeper's user events from those of other agents serving the same application. */
    private final String instance = UUID.randomUUID().toString();
    /** Suspect channels (id → name) and bridges of the last sweep, for {@link #confirm}. */
    private Map<String, String> suspectChannels = Map.of();
    private Set<String> suspectBridges = Set.of();
    /** When the sweep that noted them listed the switch (System.nanoTime). */
    private long suspectedAt;

    /** @param listings the transport {@code ari} sends through, whose answers it reads as they arrive */
    public OrphanSweeper(ARI ari, AriHttp listings, String app, ChannelIds ids, CallControl control) {
        this.ari = ari;
        this.listings = listings;
        this.app = app;
        this.ids = ids;
        this.control = control;
    }

    /**
     * What a sweep or a confirmation found: channels and bridges cleared, of which calls closed, and
     * {@code suspects} left for {@link #confirm} after {@link #SETTLE}.
     */
    public record Swept(int channels, int bridges, int orphanCalls, int suspects) {
        public static final Swept NOTHING = new Swept(0, 0, 0, 0);
    }

    /** Lists the switch and notes what looks orphaned; clears nothing ({@link #confirm} does). */
    public synchronized Swept sweep() throws RestException {
        long listedAt = System.nanoTime();
        List<SwitchListing.Channel> channels = SwitchListing.channels(listings);
        Set<String> live = new HashSet<>();
        for (SwitchListing.Channel channel : channels) {
            live.add(channel.id());
        }
        control.reconcile(live, listedAt);
        List<String> bridges = SwitchListing.bridgeIds(listings);
        boolean caughtUp = eventsCaughtUp();
        Map<String, String> channelSuspects = new HashMap<>();
        for (SwitchListing.Channel channel : channels) {
            String id = channel.id();
            if ((ids.ours(id) || caughtUp && inOurApp(channel)) && !control.tracks(id)) {
                channelSuspects.put(id, channel.name());
            }
        }
        Set<String> bridgeSuspects = new HashSet<>();
        for (String bridge : bridges) {
            if (ids.ours(bridge) && !ids.callOf(bridge).map(control::tracks).orElse(false)) {
                bridgeSuspects.add(bridge);
            }
        }
        suspectChannels = channelSuspects;
        suspectBridges = bridgeSuspects;
        suspectedAt = listedAt;
        return new Swept(0, 0, 0, channelSuspects.size() + bridgeSuspects.size());
    }

    /**
     * Clears the last sweep's suspects that are still there and still owned by no call; nothing before they are
     * {@link #SETTLE} old (a later sweep may have replaced the ones a scheduled confirmation was meant for).
     */
    public synchronized Swept confirm() {
        if (System.nanoTime() - suspectedAt < SETTLE.toNanos()) {
            return Swept.NOTHING;
        }
        int channels = 0;
        int orphanCalls = 0;
        List<String> cleared = new ArrayList<>();
        for (Map.Entry<String, String> suspect : suspectChannels.entrySet()) {
            String id = suspect.getKey();
            if (control.tracks(id) || !channelThere(id)) {
                continue;
            }
            if (!ids.ours(id)) {
                control.closeOrphan(id, suspect.getValue(), Instant.now());
                orphanCalls++;
            }
            hangup(id);
            channels++;
            cleared.add(id);
        }
        int bridges = 0;
        for (String id : suspectBridges) {
            if (!ids.callOf(id).map(control::tracks).orElse(false) && bridgeThere(id)) {
                destroy(id);
                bridges++;
                cleared.add(id);
            }
        }
        suspectChannels = Map.of();
        suspectBridges = Set.of();
        Swept swept = new Swept(channels, bridges, orphanCalls, 0);
        if (channels + bridges > 0) {
            log.warn("cleared orphans: {}, among them {}", swept, cleared.subList(0, Math.min(5, cleared.size())));
        }
        return swept;
    }

    /** Hands over a user event that came in on the event stream; the sweeper's own complete its wait. */
    public void userEvent(String name) {
        CompletableFuture<Void> waiting = markers.remove(name);
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    /** Whether every event the switch sent the application before now has been handed to call control. */
    private boolean eventsCaughtUp() throws RestException {
        String name = MARKER + instance + "-" + sweeps.incrementAndGet();
        CompletableFuture<Void> back = new CompletableFuture<>();
        markers.put(name, back);
        try {
            // with no variables ari4java sends {"variables":null}, which Asterisk refuses (500)
            ari.events().userEvent(name, app).setVariables(Map.of()).execute();
            back.get(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.warn("the event stream is more than {} s behind: customer legs are not judged this sweep",
                    CATCH_UP.toSeconds());
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            markers.remove(name);
        }
    }

    private boolean inOurApp(SwitchListing.Channel channel) {
        if (!"Stasis".equalsIgnoreCase(channel.appName())) {
            return false;
        }
        String data = channel.appData() == null ? "" : channel.appData();
        return data.equals(app) || data.startsWith(app + ",");
    }

    private boolean channelThere(String id) {
        return there(() -> ari.channels().get(id).execute());
    }

    private boolean bridgeThere(String id) {
        return there(() -> ari.bridges().get(id).execute());
    }

    /** A request for one channel or bridge. */
    private interface Lookup {
        void run() throws RestException;
    }

    private static boolean there(Lookup lookup) {
        try {
            lookup.run();
            return true;
        } catch (RestException e) {
            return !gone(e);
        }
    }

    /** A 404: the channel or bridge does not exist (any other failure leaves the suspect for the next sweep). */
    private static boolean gone(RestException e) {
        return e.getCode() == 404;
    }

    private void hangup(String channelId) {
        try {
            ari.channels().hangup(channelId).setReason_code("41").execute();
        } catch (RestException e) {
            log.debug("orphan channel {} went before it was hung up: {}", channelId, e.getMessage());
        }
    }

    private void destroy(String bridgeId) {
        try {
            ari.bridges().destroy(bridgeId).execute();
        } catch (RestException e) {
            log.debug("orphan bridge {} went before it was destroyed: {}", bridgeId, e.getMessage());
        }
    }
}
