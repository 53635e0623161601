package io.tollgate.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Renders ARI events in Asterisk's JSON (same fields, same order) and delivers each to the applications that
 * watch its subject: the channel's Stasis application, the application that created it, explicit subscribers,
 * the bridge's subscribers, endpoint subscribers and {@code subscribeAll} applications. StasisStart, StasisEnd
 * and ApplicationReplaced go to one application only, as in Asterisk.
 *
 * <p>Only the exchange's thread uses it; queued events reach the sockets at {@link #flush()}.
 */
final class Events {
    private final String asteriskId;
    private final Clock clock;
    private final boolean chatty;
    private final Collection<StasisApp> apps;
    /** Applications that see beyond their own channels (subscribeAll or endpoint subscriptions). */
    private final List<StasisApp> wide = new ArrayList<>();
    private final List<EventStream> dirty = new ArrayList<>();
    private final List<StasisApp> targets = new ArrayList<>(4);
    private final StringBuilder sb = new StringBuilder(2048);
    private long lastTimestamp;
    private long stepTime = -1;

    /** Milliseconds since the epoch; the tests' recorded sequences compare everything but the times. */
    interface Clock {
        long millis();
    }

    /**
     * @param chatty whether to send the ChannelVarset events Asterisk sends on its own (STASISSTATUS, BRIDGEPEER,
     *               RTP statistics, ...): true for fidelity; false halves the event volume of a load test
     * @param apps   every application, so that an event no connected one would let through is not rendered
     */
    Events(String asteriskId, Clock clock, boolean chatty, Collection<StasisApp> apps) {
        this.asteriskId = asteriskId;
        this.clock = clock;
        this.chatty = chatty;
        this.apps = apps;
    }

    boolean chatty() {
        return chatty;
    }

    /**
     * The time of the step under way: read once, at its first use, and shared by everything the step does. One
     * action's events then carry one time (a vendor leg's ChannelStateChange Up and its Dial ANSWER alike), so a
     * client that takes whichever arrives first gets the same instant, and a billed second never hangs on which.
     */
    long now() {
        if (stepTime < 0) {
            stepTime = clock.millis();
        }
        return stepTime;
    }

    /** The time the last event rendered carries in its {@code timestamp}, whether or not anybody heard it. */
    long lastTimestamp() {
        return lastTimestamp;
    }

    void watchWidely(StasisApp app) {
        if (!wide.contains(app)) {
            wide.add(app);
        }
    }

    void forget(StasisApp app) {
        wide.remove(app);
    }

    // ---- channel events ----------------------------------------------------------------------------------------

    void channelCreated(Channel ch) {
        channel("ChannelCreated", ch, null, null, null, true);
    }

    void dialplan(Channel ch, String app, String data) {
        channel("ChannelDialplan", ch, null, j -> j.field("dialplan_app", app).field("dialplan_app_data", data), null,
                false);
    }

    void varset(Channel ch, String variable, String value) {
        channel("ChannelVarset", ch, j -> j.field("variable", variable).field("value", value), null, null, false);
    }

    /** A variable Asterisk sets by itself: sent only when the simulator is chatty. */
    void autoVarset(Channel ch, String variable, String value) {
        if (chatty) {
            varset(ch, variable, value);
        }
    }

    void stateChange(Channel ch) {
        channel("ChannelStateChange", ch, null, null, null, false);
    }

    void connectedLine(Channel ch) {
        channel("ChannelConnectedLine", ch, null, null, null, false);
    }

    void callerId(Channel ch) {
        channel("ChannelCallerId", ch, null,
                j -> j.field("caller_presentation", 0).field("caller_presentation_txt",
                        "Presentation Allowed, Not Screened"), null, false);
    }

    /** ChannelHangupRequest; {@code soft} for a soft hangup, whose "cause" Asterisk fills with the soft-hangup flag. */
    void hangupRequest(Channel ch, int cause, boolean soft, int techCause) {
        channel("ChannelHangupRequest", ch, j -> {
            j.field("cause", cause);
            if (soft) {
                j.field("soft", true);
            }
            if (techCause > 0) {
                j.field("tech_cause", techCause);
            }
        }, null, null, false);
    }

    void destroyed(Channel ch) {
        channel("ChannelDestroyed", ch, null, j -> {
            j.field("cause", ch.hangupCause).field("cause_txt", Causes.text(ch.hangupCause));
            if (ch.techCause > 0) {
                j.field("tech_cause", ch.techCause);
            }
        }, null, false);
    }

    void dial(Channel peer, String status, String dialstring) {
        if (!begin("Dial")) {
            return;
        }
        json.field("dialstatus", status).field("forward", "").field("dialstring", dialstring);
        if (peer.dialCaller != null) {
            channelJson(json.key("caller"), peer.dialCaller);
        }
        channelJson(json.key("peer"), peer);
        deliver(peer, null, false);
    }

    void enteredBridge(Bridge bridge, Channel ch) {
        if (!begin("ChannelEnteredBridge")) {
            return;
        }
        bridgeJson(json.key("bridge"), bridge);
        channelJson(json.key("channel"), ch);
        deliver(ch, bridge, false);
    }

    void leftBridge(Bridge bridge, Channel ch) {
        if (!begin("ChannelLeftBridge")) {
            return;
        }
        bridgeJson(json.key("bridge"), bridge);
        channelJson(json.key("channel"), ch);
        deliver(ch, bridge, false);
    }

    void stasisStart(Channel ch, StasisApp app, List<String> args) {
        if (!begin("StasisStart")) {
            return;
        }
        json.strings("args", args);
        channelJson(json.key("channel"), ch);
        deliverTo(app, "StasisStart");
    }

    void stasisEnd(Channel ch, StasisApp app) {
        if (!begin("StasisEnd")) {
            return;
        }
        channelJson(json.key("channel"), ch);
        deliverTo(app, "StasisEnd");
    }

    // ---- bridge and application events -------------------------------------------------------------------------

    void bridgeCreated(Bridge bridge) {
        if (!begin("BridgeCreated")) {
            return;
        }
        bridgeJson(json.key("bridge"), bridge);
        deliver(null, bridge, true);
    }

    void bridgeDestroyed(Bridge bridge) {
        if (!begin("BridgeDestroyed")) {
            return;
        }
        bridgeJson(json.key("bridge"), bridge);
        deliver(null, bridge, false);
    }

    /** ApplicationReplaced goes to the socket losing the application; note its field order differs. */
    void applicationReplaced(EventStream old, String app) {
        sb.setLength(0);
        Json j = Json.object(sb).field("type", "ApplicationReplaced");
        AriTime.append(j.key("timestamp").append('"'), now());
        sb.append('"');
        j.field("application", app).field("asterisk_id", asteriskId).end();
        queue(old, sb.toString());
    }

    /** ChannelUserevent (POST events/user/{name}); {@code subject} is an optional channel. */
    void userEvent(StasisApp app, String eventName, Channel subject, Consumer<StringBuilder> variables) {
        if (!begin("ChannelUserevent")) {
            return;
        }
        json.field("eventname", eventName);
        StringBuilder out = json.key("userevent");
        Json user = Json.object(out).field("eventname", eventName);
        variables.accept(out);
        user.end();
        if (subject != null) {
            channelJson(json.key("channel"), subject);
        }
        deliverTo(app, "ChannelUserevent");
    }

    // ---- rendering ---------------------------------------------------------------------------------------------

    private Json json;
    private String currentType;

    /**
     * True when no connected application's event filter lets this type through: the event is then not rendered
     * at all. Clients that filter (the routing agent keeps 11 of the 59 events a call sends it) spare the switch
     * most of its rendering.
     */
    private boolean unheard(String type) {
        for (StasisApp app : apps) {
            if (app.stream != null && app.passes(type)) {
                return false;
            }
        }
        lastTimestamp = now();
        return true;
    }

    /** Starts rendering an event of this type; false, rendering nothing, when no application would hear it. */
    private boolean begin(String type) {
        if (unheard(type)) {
            return false;
        }
        currentType = type;
        sb.setLength(0);
        json = Json.object(sb).field("type", type);
        sb.append(",\"timestamp\":\"");
        AriTime.append(sb, lastTimestamp = now());
        sb.append('"');
        return true;
    }

    /** A channel event: fields before "type" (varset, hangup request), then type and timestamp, then more fields. */
    private void channel(String type, Channel ch, Consumer<Json> before, Consumer<Json> after, Bridge bridge,
                         boolean wideOnly) {
        if (unheard(type)) {
            return;
        }
        currentType = type;
        sb.setLength(0);
        json = Json.object(sb);
        if (before != null) {
            before.accept(json);
        }
        json.field("type", type);
        sb.append(",\"timestamp\":\"");
        AriTime.append(sb, lastTimestamp = now());
        sb.append('"');
        if (after != null) {
            after.accept(json);
        }
        channelJson(json.key("channel"), ch);
        deliver(ch, bridge, wideOnly);
    }

    static void channelJson(StringBuilder out, Channel ch) {
        Json j = Json.object(out).field("id", ch.id).field("name", ch.name).field("state", ch.state)
                .field("protocol_id", ch.protocolId);
        Json.object(j.key("caller")).field("name", ch.callerName).field("number", ch.callerNumber).end();
        Json.object(j.key("connected")).field("name", ch.connectedName).field("number", ch.connectedNumber).end();
        j.field("accountcode", "");
        Json.object(j.key("dialplan")).field("context", ch.context).field("exten", ch.exten)
                .field("priority", ch.priority).field("app_name", ch.appName).field("app_data", ch.appData).end();
        AriTime.append(j.key("creationtime").append('"'), ch.created);
        out.append('"');
        j.field("language", "en").end();
    }

    static void bridgeJson(StringBuilder out, Bridge bridge) {
        Json j = Json.object(out).field("id", bridge.id).field("technology", bridge.technology)
                .field("bridge_type", bridge.type).field("bridge_class", "stasis").field("creator", "Stasis")
                .field("name", bridge.name);
        StringBuilder channels = j.key("channels").append('[');
        for (int i = 0; i < bridge.members.size(); i++) {
            if (i > 0) {
                channels.append(',');
            }
            Json.string(channels, bridge.members.get(i).id);
        }
        channels.append(']');
        AriTime.append(j.key("creationtime").append('"'), bridge.created);
        out.append('"');
        j.field("video_mode", "talker").end();
    }

    // ---- delivery ----------------------------------------------------------------------------------------------

    private void deliver(Channel ch, Bridge bridge, boolean wideOnly) {
        targets.clear();
        if (!wideOnly) {
            if (ch != null) {
                add(ch.stasis);
                add(ch.owner);
                if (ch.subscribers != null) {
                    for (StasisApp app : ch.subscribers) {
                        add(app);
                    }
                }
                if (bridge == null) {
                    bridge = ch.bridge;
                }
            }
            if (bridge != null) {
                for (StasisApp app : bridge.subscribers) {
                    add(app);
                }
            }
        }
        for (StasisApp app : wide) {
            if (app.subscribeAll || (ch != null && app.endpoints.contains(ch.endpoint))) {
                add(app);
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        String type = currentType;
        json.field("asterisk_id", asteriskId);
        int prefix = sb.length();
        for (StasisApp app : targets) {
            if (app.stream != null && app.passes(type)) {
                sb.setLength(prefix);
                json.field("application", app.name).end();
                queue(app.stream, sb.toString());
            }
        }
    }

    private void deliverTo(StasisApp app, String type) {
        if (app == null || app.stream == null || !app.passes(type)) {
            return;
        }
        json.field("asterisk_id", asteriskId).field("application", app.name).end();
        queue(app.stream, sb.toString());
    }

    private void add(StasisApp app) {
        if (app != null && app.stream != null && !targets.contains(app)) {
            targets.add(app);
        }
    }

    private void queue(EventStream stream, String event) {
        if (stream.add(event)) {
            dirty.add(stream);
        }
    }

    /** Sends what this step queued (called by the exchange at the end of every step). */
    /** Ends the step: its events go to the sockets, and the next step reads the clock again. */
    void flush() {
        stepTime = -1;
        for (EventStream stream : dirty) {
            stream.flush();
        }
        dirty.clear();
    }
}
