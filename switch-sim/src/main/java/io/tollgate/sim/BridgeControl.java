package io.tollgate.sim;

import java.util.List;
import java.util.UUID;

/**
 * The bridges resource, and what a bridge does to its members: who enters and leaves, the BRIDGEPEER variables
 * Asterisk keeps on two bridged channels, the move to native RTP once both are answered, and the indications a
 * dialled member passes to the others (its ringing and its answer reach an unanswered customer leg, which answers:
 * a customer is answered as soon as the vendor answers, whether or not the application answers it too).
 */
final class BridgeControl {
    /** How long after both legs are up Asterisk's smart bridge moved them to native RTP on the local stack. */
    static final long NATIVE_RTP_AFTER_MS = 500;
    private static final String HOLDING = "holding";

    private final Exchange x;

    BridgeControl(Exchange x) {
        this.x = x;
    }

    // ---- the resource ------------------------------------------------------------------------------------------

    AriResponse create(String id, String type, String name, boolean idInPath) {
        if (id != null && x.bridges.containsKey(id)) {
            return AriResponse.error(409, "Bridge with id '" + id + "' already exists");
        }
        String bridgeType = "mixing";
        if (type != null && !type.isBlank()) {
            for (String flag : type.split(",")) {
                switch (flag.trim()) {
                    case "mixing", "dtmf_events", "proxy_media", "video_sfu", "video_single", "sdp_label" -> {
                    }
                    case HOLDING -> bridgeType = HOLDING;
                    default -> {
                        return new AriResponse(500, Json.message("Unable to create bridge. Possible duplicate bridge id '"
                                + (idInPath || id != null ? id : "(null)") + "'"));
                    }
                }
            }
        }
        String bridgeId = id != null && !id.isEmpty() ? id : UUID.randomUUID().toString();
        Bridge bridge = new Bridge(bridgeId, name == null ? "" : name, bridgeType, x.events.now());
        if (HOLDING.equals(bridgeType)) {
            bridge.technology = "holding_bridge";
        }
        x.bridges.put(bridgeId, bridge);
        x.events.bridgeCreated(bridge);
        return AriResponse.ok(json(bridge));
    }

    AriResponse get(String id) {
        Bridge bridge = x.bridge(id);
        return bridge == null ? AriResponse.error(404, "Bridge not found") : AriResponse.ok(json(bridge));
    }

    AriResponse list() {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (Bridge bridge : x.bridges.values()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Events.bridgeJson(sb, bridge);
        }
        return AriResponse.ok(sb.append(']').toString());
    }

    AriResponse addChannel(String bridgeId, List<String> channelIds) {
        if (channelIds.isEmpty()) {
            return AriResponse.error(400, "Missing parameter channel");
        }
        Bridge bridge = x.bridge(bridgeId);
        if (bridge == null) {
            return AriResponse.error(404, "Bridge not found");
        }
        for (String id : channelIds) {
            Channel ch = x.channel(id);
            if (ch == null) {
                return AriResponse.error(400, "Channel not found");
            }
            if (!ch.inStasis()) {
                return AriResponse.error(422, "Channel not in Stasis application");
            }
        }
        for (String id : channelIds) {
            Channel ch = x.channel(id);
            if (ch.bridge == bridge) {
                continue;
            }
            if (ch.bridge != null) {
                leave(ch);
            }
            join(bridge, ch);
        }
        return AriResponse.NO_CONTENT;
    }

    AriResponse removeChannel(String bridgeId, List<String> channelIds) {
        if (channelIds.isEmpty()) {
            return AriResponse.error(400, "Missing parameter channel");
        }
        Bridge bridge = x.bridge(bridgeId);
        if (bridge == null) {
            return AriResponse.error(404, "Bridge not found");
        }
        for (String id : channelIds) {
            Channel ch = x.channel(id);
            if (ch == null) {
                return AriResponse.error(400, "Channel not found");
            }
            if (ch.bridge != bridge) {
                return AriResponse.error(422, "Channel not in this bridge");
            }
        }
        for (String id : channelIds) {
            leave(x.channel(id));
        }
        return AriResponse.NO_CONTENT;
    }

    AriResponse destroy(String bridgeId) {
        Bridge bridge = x.bridge(bridgeId);
        if (bridge == null) {
            return AriResponse.error(404, "Bridge not found");
        }
        for (Channel member : List.copyOf(bridge.members)) {
            leave(member);
        }
        cancelNativeSwitch(bridge);
        bridge.destroyed = true;
        x.bridges.remove(bridgeId);
        x.events.bridgeDestroyed(bridge);
        return AriResponse.NO_CONTENT;
    }

    // ---- members -----------------------------------------------------------------------------------------------

    void join(Bridge bridge, Channel ch) {
        if (ch.stasis != null) {
            bridge.subscribe(ch.stasis);
        }
        if (ch.owner != null) {
            bridge.subscribe(ch.owner);
        }
        bridge.members.add(ch);
        ch.bridge = bridge;
        x.events.enteredBridge(bridge, ch);
        if (bridge.members.size() == 2) {
            peerVariables(bridge);
            Channel peer = bridge.peerOf(ch);
            if (ch.isPjsip() && !ch.dialled && !ch.up() && (ch.kind == Channel.Kind.TRUNK
                    || ch.kind == Channel.Kind.CALLER) && !peer.callerNumber.isEmpty()) {
                // an outbound leg not yet dialled takes the party it is bridged with as its connected line
                ch.connectedName = peer.callerName;
                ch.connectedNumber = peer.callerNumber;
                x.events.connectedLine(ch);
            }
        }
        scheduleNativeSwitch(bridge);
    }

    /**
     * Takes {@code ch} out of its bridge: its BRIDGEPEER is cleared, ChannelLeftBridge is sent. A channel that stays
     * in Stasis (removed, or its bridge destroyed) takes its application's bridge subscription with it, so the
     * application hears no BridgeDestroyed; a hanging-up channel leaves the subscription behind (recorded both).
     */
    void leave(Channel ch) {
        Bridge bridge = ch.bridge;
        if (bridge == null) {
            return;
        }
        String peerVar = ch.var("BRIDGEPEER");
        if (peerVar != null && !peerVar.isEmpty()) {
            ch.setVar("BRIDGEPEER", "");
            x.events.autoVarset(ch, "BRIDGEPEER", "");
            if (ch.var("BRIDGEPVTCALLID") != null) {
                ch.setVar("BRIDGEPVTCALLID", "");
                x.events.autoVarset(ch, "BRIDGEPVTCALLID", "");
            }
        }
        bridge.members.remove(ch);
        ch.bridge = null;
        // the event still shows the technology the bridge had with the channel in it
        x.events.leftBridge(bridge, ch);
        if (!ch.hungUp && ch.stasis != null && bridge.members.stream().noneMatch(m -> m.stasis == ch.stasis)) {
            bridge.subscribers.remove(ch.stasis);
        }
        cancelNativeSwitch(bridge);
        if (!"holding_bridge".equals(bridge.technology)) {
            bridge.technology = Bridge.SIMPLE;
        }
    }

    /** A dialled member is answering: the bridge reconfigures and sets the peers' variables again, before the state change. */
    void answering(Channel ch) {
        if (ch.bridge != null && ch.bridge.members.size() == 2) {
            peerVariables(ch.bridge);
        }
    }

    /** A dialled member rang (180): an unanswered inbound member hears it and passes it on to its caller. */
    void passRinging(Channel from) {
        toUnansweredInbound(from, x.farEnds::inboundRinging);
    }

    void passProgress(Channel from) {
        toUnansweredInbound(from, x.farEnds::inboundProgress);
    }

    /** A dialled member answered: unanswered inbound members are answered with it. */
    void passAnswer(Channel from) {
        if (from.bridge == null) {
            return;
        }
        toUnansweredInbound(from, x.channelControl::answerInbound);
        scheduleNativeSwitch(from.bridge);
    }

    /** Hands what {@code from} signalled to every other member of its bridge that is inbound and not answered yet. */
    private void toUnansweredInbound(Channel from, java.util.function.Consumer<Channel> pass) {
        if (from.bridge == null) {
            return;
        }
        for (Channel member : List.copyOf(from.bridge.members)) {
            if (member != from && isUnansweredInbound(member)) {
                pass.accept(member);
            }
        }
    }

    /** A member's state changed (answered): the bridge may move to native RTP. */
    void memberAnswered(Channel ch) {
        if (ch.bridge != null) {
            scheduleNativeSwitch(ch.bridge);
        }
    }

    void cancelNativeSwitch(Bridge bridge) {
        if (bridge.nativeSwitch != null) {
            bridge.nativeSwitch.cancel(false);
            bridge.nativeSwitch = null;
        }
    }

    private static boolean isUnansweredInbound(Channel ch) {
        return !ch.hungUp && Channel.RING.equals(ch.state)
                && (ch.kind == Channel.Kind.CUSTOMER || (ch.kind == Channel.Kind.LOCAL && !ch.localOne));
    }

    private void scheduleNativeSwitch(Bridge bridge) {
        if (bridge.nativeSwitch != null || Bridge.NATIVE_RTP.equals(bridge.technology)
                || !Bridge.NATIVE_RTP.equals(bridge.wantedTechnology())) {
            return;
        }
        bridge.nativeSwitch = x.later(NATIVE_RTP_AFTER_MS, () -> {
            bridge.nativeSwitch = null;
            if (!bridge.destroyed && Bridge.NATIVE_RTP.equals(bridge.wantedTechnology())) {
                bridge.technology = Bridge.NATIVE_RTP;
                // the smart bridge reconfigures three times on the way, setting the peers' variables each time
                for (int i = 0; i < 3; i++) {
                    peerVariables(bridge);
                }
            }
        });
    }

    /** BRIDGEPEER (and, for SIP peers, BRIDGEPVTCALLID: the peer's Call-ID) on both members of a two-party bridge. */
    private void peerVariables(Bridge bridge) {
        for (Channel member : bridge.members) {
            Channel peer = bridge.peerOf(member);
            member.setVar("BRIDGEPEER", peer.name);
            x.events.autoVarset(member, "BRIDGEPEER", peer.name);
            if (peer.isPjsip()) {
                member.setVar("BRIDGEPVTCALLID", peer.protocolId);
                x.events.autoVarset(member, "BRIDGEPVTCALLID", peer.protocolId);
            }
        }
    }

    private static String json(Bridge bridge) {
        StringBuilder sb = new StringBuilder(256);
        Events.bridgeJson(sb, bridge);
        return sb.toString();
    }
}
