package io.tollgate.agent.ari;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.generated.models.Bridge;
import ch.loway.oss.ari4java.generated.models.Channel;
import ch.loway.oss.ari4java.tools.RestException;
import io.tollgate.agent.CallControl;
import io.tollgate.agent.ChannelIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cleans up after events the agent never saw. Asterisk does not queue events while the WebSocket is down, and a
 * restarted agent remembers nothing: on every (re)connect the sweeper lists the switch's channels and bridges,
 * and clears what is ours but belongs to no call in progress — bridges and vendor legs by their id, customer
 * legs by sitting in our Stasis application — and closes the event stream of each such call. Calls still in
 * progress whose channels vanished meanwhile are ended as if their ChannelDestroyed had arrived.
 */
public final class OrphanSweeper {
    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final ARI ari;
    private final String app;
    private final ChannelIds ids;
    private final CallControl control;

    public OrphanSweeper(ARI ari, String app, ChannelIds ids, CallControl control) {
        this.ari = ari;
        this.app = app;
        this.ids = ids;
        this.control = control;
    }

    /**
     * What one sweep found and cleared; {@code deferred} customer legs in our application were too young to judge
     * (their StasisStart may be on the way) and call for another sweep once they have settled.
     */
    public record Swept(int channels, int bridges, int orphanCalls, int deferred) {
        public static final Swept NOTHING = new Swept(0, 0, 0, 0);
    }

    /** How long to wait before sweeping again for legs a sweep deferred. */
    public static final java.time.Duration SETTLE = java.time.Duration.ofMillis(2000);

    public Swept sweep() throws RestException {
        long listedAt = System.nanoTime();
        List<Channel> channels = ari.channels().list().execute();
        Set<String> live = new HashSet<>();
        int clearedChannels = 0;
        int orphanCalls = 0;
        int deferred = 0;
        for (Channel channel : channels) {
            live.add(channel.getId());
            if (control.tracks(channel.getId())) {
                continue;
            }
            if (ids.ours(channel.getId())) {
                hangup(channel.getId());
                clearedChannels++;
            } else if (inOurApp(channel) && !settled(channel)) {
                deferred++;
            } else if (inOurApp(channel)) {
                control.closeOrphan(channel.getId(), channel.getName(), Instant.now());
                hangup(channel.getId());
                clearedChannels++;
                orphanCalls++;
            }
        }
        control.reconcile(live, listedAt);
        int clearedBridges = 0;
        for (Bridge bridge : ari.bridges().list().execute()) {
            if (ids.ours(bridge.getId()) && !ids.callOf(bridge.getId()).map(control::tracks).orElse(false)) {
                destroy(bridge.getId());
                clearedBridges++;
            }
        }
        Swept swept = new Swept(clearedChannels, clearedBridges, orphanCalls, deferred);
        if (clearedChannels + clearedBridges > 0) {
            log.warn("cleared orphans after (re)connecting: {}", swept);
        }
        return swept;
    }

    /**
     * A customer leg that just entered may have its StasisStart still on the way to call control: only legs
     * older than {@link #SETTLE} are judged orphans.
     */
    private static boolean settled(Channel channel) {
        return channel.getCreationtime() == null
                || channel.getCreationtime().toInstant().isBefore(Instant.now().minus(SETTLE));
    }

    private boolean inOurApp(Channel channel) {
        var dialplan = channel.getDialplan();
        if (dialplan == null || !"Stasis".equalsIgnoreCase(dialplan.getApp_name())) {
            return false;
        }
        String data = dialplan.getApp_data() == null ? "" : dialplan.getApp_data();
        return data.equals(app) || data.startsWith(app + ",");
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
