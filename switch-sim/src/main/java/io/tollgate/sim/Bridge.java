package io.tollgate.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A Stasis bridge. No media is mixed: a bridge only records who is in it, which technology Asterisk would show
 * (two answered SIP legs are moved to {@code native_rtp}) and which applications follow it.
 */
final class Bridge {
    static final String SIMPLE = "simple_bridge";
    static final String NATIVE_RTP = "native_rtp";

    final String id;
    final String name;
    final String type;
    final long created;
    final List<Channel> members = new ArrayList<>(2);
    /** Applications that get the bridge's events: those whose channels entered it, and explicit subscribers. */
    final List<StasisApp> subscribers = new ArrayList<>(1);
    String technology = SIMPLE;
    /** Asterisk moves two answered SIP legs to native RTP a little after both are up; pending until then. */
    java.util.concurrent.ScheduledFuture<?> nativeSwitch;
    boolean destroyed;

    Bridge(String id, String name, String type, long created) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.created = created;
    }

    void subscribe(StasisApp app) {
        if (!subscribers.contains(app)) {
            subscribers.add(app);
        }
    }

    /** The member other than {@code channel} in a two-party bridge, else null. */
    Channel peerOf(Channel channel) {
        if (members.size() != 2) {
            return null;
        }
        return members.get(0) == channel ? members.get(1) : members.get(0);
    }

    /** What Asterisk's smart bridge would pick now: native RTP for exactly two answered SIP channels. */
    String wantedTechnology() {
        if (members.size() == 2 && members.get(0).isPjsip() && members.get(1).isPjsip()
                && members.get(0).up() && members.get(1).up()) {
            return NATIVE_RTP;
        }
        return SIMPLE;
    }
}
