package io.tollgate.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Stasis: channels entering and leaving applications, applications registering through event WebSockets (a newer
 * socket takes an application from an older one, which gets ApplicationReplaced), and the applications resource
 * (subscriptions and event filters).
 */
final class Stasis {
    private final Exchange x;

    Stasis(Exchange x) {
        this.x = x;
    }

    // ---- channels in and out -----------------------------------------------------------------------------------

    /**
     * Runs {@code Stasis(app,args)} on a channel. {@code fromDialplan}: the dialplan (or channels/create's own
     * thread) runs it, which Asterisk reports with ChannelDialplan; an answered originate enters without.
     *
     * @return false when the application is not registered: Asterisk then sets STASISSTATUS=FAILED and the
     * channel carries on in the dialplan (the caller hangs it up)
     */
    boolean enter(Channel ch, String appName, List<String> args, boolean fromDialplan) {
        StasisApp app = x.app(appName);
        String data = args.isEmpty() ? appName : appName + "," + String.join(",", args);
        ch.appNameBefore = ch.appName;
        ch.appDataBefore = ch.appData;
        ch.appName = "Stasis";
        ch.appData = data;
        if (fromDialplan) {
            x.events.dialplan(ch, "Stasis", data);
        }
        if (!app.registered()) {
            x.events.autoVarset(ch, "STASISSTATUS", "FAILED");
            ch.appName = ch.appNameBefore;
            ch.appData = ch.appDataBefore;
            return false;
        }
        // the application subscribes to a dialplan channel only as it starts: it sees StasisStart, not the varset
        x.events.autoVarset(ch, "STASISSTATUS", "");
        ch.stasis = app;
        x.events.stasisStart(ch, app, args);
        return true;
    }

    /**
     * The channel leaves its application (it is hanging up). An application that only had the channel through
     * Stasis stops hearing about it here, so a dialplan channel's ChannelDestroyed never reaches it. The dialplan
     * still shows Stasis until the channel is destroyed ({@link Hangups} puts the previous application back).
     */
    void leave(Channel ch) {
        StasisApp app = ch.stasis;
        if (app == null) {
            return;
        }
        x.events.stasisEnd(ch, app);
        ch.stasis = null;
        x.events.autoVarset(ch, "STASISSTATUS", "SUCCESS");
    }

    // ---- event sockets -----------------------------------------------------------------------------------------

    /** A WebSocket registers {@code names}; each application's previous socket is told it was replaced. */
    void connect(EventStream stream, List<String> names, boolean subscribeAll) {
        for (String name : names) {
            StasisApp app = x.app(name);
            if (app.stream != null && app.stream != stream) {
                x.events.applicationReplaced(app.stream, name);
            }
            app.stream = stream;
            app.subscribeAll = subscribeAll;
            if (subscribeAll || !app.endpoints.isEmpty()) {
                x.events.watchWidely(app);
            }
        }
    }

    /** A WebSocket closed: its applications are no longer registered (channels stay where they are). */
    void disconnect(EventStream stream) {
        for (StasisApp app : x.apps.values()) {
            if (app.stream == stream) {
                app.stream = null;
                app.subscribeAll = false;
                if (app.endpoints.isEmpty()) {
                    x.events.forget(app);
                }
            }
        }
    }

    // ---- the applications resource -----------------------------------------------------------------------------

    AriResponse list() {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (StasisApp app : x.apps.values()) {
            if (app.registered() || watchesAnything(app)) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appJson(sb, app);
            }
        }
        return AriResponse.ok(sb.append(']').toString());
    }

    AriResponse get(String name) {
        StasisApp app = x.apps.get(name);
        if (app == null || !(app.registered() || watchesAnything(app))) {
            return AriResponse.error(404, "Application not found");
        }
        StringBuilder sb = new StringBuilder();
        appJson(sb, app);
        return AriResponse.ok(sb.toString());
    }

    AriResponse subscribe(String name, List<String> sources, boolean subscribe) {
        StasisApp app = x.apps.get(name);
        if (app == null || !(app.registered() || watchesAnything(app))) {
            return AriResponse.error(404, "Application not found");
        }
        if (sources.isEmpty()) {
            return AriResponse.error(400, "Missing parameter eventSource");
        }
        // check every source before changing anything, as Asterisk does
        for (String source : sources) {
            int colon = source.indexOf(':');
            String scheme = colon < 0 ? source : source.substring(0, colon);
            String id = colon < 0 ? "" : source.substring(colon + 1);
            switch (scheme) {
                case "channel" -> {
                    Channel ch = x.channel(id);
                    if (ch == null) {
                        return AriResponse.error(422, "Event source does not exist");
                    }
                    if (!subscribe && !ch.watchedBy(app)) {
                        return AriResponse.error(422, "Event source was not subscribed to");
                    }
                }
                case "bridge" -> {
                    Bridge bridge = x.bridge(id);
                    if (bridge == null) {
                        return AriResponse.error(422, "Event source does not exist");
                    }
                    if (!subscribe && !bridge.subscribers.contains(app)) {
                        return AriResponse.error(422, "Event source was not subscribed to");
                    }
                }
                case "endpoint" -> {
                    if (!endpointExists(id)) {
                        return AriResponse.error(422, "Event source does not exist");
                    }
                    if (!subscribe && !app.endpoints.contains(id)) {
                        return AriResponse.error(422, "Event source was not subscribed to");
                    }
                }
                case "deviceState" -> {
                    // device states are not simulated: accepted and ignored
                }
                default -> {
                    return AriResponse.error(400, "Invalid event source URI scheme");
                }
            }
        }
        for (String source : sources) {
            int colon = source.indexOf(':');
            String scheme = source.substring(0, colon);
            String id = source.substring(colon + 1);
            switch (scheme) {
                case "channel" -> {
                    Channel ch = x.channel(id);
                    if (subscribe) {
                        ch.subscribe(app);
                    } else {
                        ch.unsubscribe(app);
                    }
                }
                case "bridge" -> {
                    Bridge bridge = x.bridge(id);
                    if (subscribe) {
                        bridge.subscribe(app);
                    } else {
                        bridge.subscribers.remove(app);
                    }
                }
                case "endpoint" -> {
                    if (subscribe) {
                        app.endpoints.add(id);
                        x.events.watchWidely(app);
                    } else {
                        app.endpoints.remove(id);
                    }
                }
                default -> {
                }
            }
        }
        return get(name);
    }

    /** {@code PUT applications/{app}/eventFilter}: {@code {"allowed":[{"type":"X"}],"disallowed":[...]}}. */
    AriResponse filter(String name, List<String> allowed, List<String> disallowed) {
        StasisApp app = x.apps.get(name);
        if (app == null || !(app.registered() || watchesAnything(app))) {
            return AriResponse.error(404, "Application not found");
        }
        app.allowed = List.copyOf(allowed);
        app.disallowed = List.copyOf(disallowed);
        return get(name);
    }

    private boolean endpointExists(String resource) {
        if (resource.equals("PJSIP")) {
            return true;
        }
        if (!resource.startsWith("PJSIP/")) {
            return false;
        }
        String name = resource.substring("PJSIP/".length());
        return x.dialplan.isTrunk(name) || x.dialplan.lineEndpoints().contains(name);
    }

    private boolean watchesAnything(StasisApp app) {
        for (Channel ch : x.channels.values()) {
            if (ch.watchedBy(app)) {
                return true;
            }
        }
        for (Bridge bridge : x.bridges.values()) {
            if (bridge.subscribers.contains(app)) {
                return true;
            }
        }
        return !app.endpoints.isEmpty();
    }

    private void appJson(StringBuilder sb, StasisApp app) {
        List<String> channels = new ArrayList<>();
        List<String> bridges = new ArrayList<>();
        List<String> endpoints = new ArrayList<>(app.endpoints);
        List<String> devices = new ArrayList<>();
        if (app.subscribeAll) {
            channels.add("__AST_CHANNEL_ALL_TOPIC");
            bridges.add("__AST_BRIDGE_ALL_TOPIC");
            endpoints.add("__AST_ENDPOINT_ALL_TOPIC");
            devices.add("__AST_DEVICE_STATE_ALL_TOPIC");
        } else {
            for (Channel ch : x.channels.values()) {
                if (ch.watchedBy(app)) {
                    channels.add(ch.id);
                }
            }
            for (Bridge bridge : x.bridges.values()) {
                if (bridge.subscribers.contains(app)) {
                    bridges.add(bridge.id);
                }
            }
        }
        Json j = Json.object(sb).field("name", app.name).strings("channel_ids", channels)
                .strings("bridge_ids", bridges).strings("endpoint_ids", endpoints).strings("device_names", devices);
        typeList(j.key("events_allowed"), app.allowed);
        typeList(j.key("events_disallowed"), app.disallowed);
        j.end();
    }

    private static void typeList(StringBuilder sb, List<String> types) {
        sb.append('[');
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.object(sb).field("type", types.get(i)).end();
        }
        sb.append(']');
    }
}
