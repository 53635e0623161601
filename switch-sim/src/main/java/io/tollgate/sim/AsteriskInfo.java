package io.tollgate.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the simulator says about itself where Asterisk does: {@code asterisk/info} (version "22.x-sim"),
 * {@code asterisk/ping}, {@code api-docs/resources.json} (apiVersion 10.0.0, which ari4java's version detection reads)
 * and the endpoints resource (the trunks, then each customer line's customer and caller endpoints).
 */
final class AsteriskInfo {
    static final String VERSION = "22.x-sim";
    static final String API_VERSION = "10.0.0";
    private static final String[] RESOURCES = {"asterisk", "endpoints", "channels", "bridges", "recordings", "sounds",
            "playbacks", "deviceStates", "mailboxes", "events", "applications"};

    private final Exchange x;
    private volatile int port;

    AsteriskInfo(Exchange x) {
        this.x = x;
    }

    void port(int port) {
        this.port = port;
    }

    String info(List<String> only) {
        StringBuilder sb = new StringBuilder(512);
        Json j = Json.object(sb);
        if (only.isEmpty() || only.contains("build")) {
            Json.object(j.key("build")).field("os", "Linux").field("kernel", "unknown").field("machine", "unknown")
                    .field("options", "SWITCH_SIM").field("date", "").field("user", "switch-sim").end();
        }
        if (only.isEmpty() || only.contains("system")) {
            Json.object(j.key("system")).field("version", VERSION).field("entity_id", x.options.asteriskId()).end();
        }
        if (only.isEmpty() || only.contains("config")) {
            Json config = Json.object(j.key("config")).field("name", "").field("default_language", "en");
            Json.object(config.key("setid")).field("user", "").field("group", "").end();
            config.end();
        }
        if (only.isEmpty() || only.contains("status")) {
            String started = AriTime.format(x.startedAt);
            Json.object(j.key("status")).field("startup_time", started).field("last_reload_time", started).end();
        }
        j.end();
        return sb.toString();
    }

    String ping() {
        StringBuilder sb = new StringBuilder(128);
        Json.object(sb).field("ping", "pong").field("timestamp", AriTime.format(System.currentTimeMillis()))
                .field("asterisk_id", x.options.asteriskId()).end();
        return sb.toString();
    }

    String resources() {
        StringBuilder sb = new StringBuilder(1024);
        Json j = Json.object(sb).field("_copyright", "Copyright (C) 2012 - 2013, Digium, Inc.")
                .field("_author", "David M. Lee, II <dlee@digium.com>").field("_svn_revision", "$Revision$")
                .field("apiVersion", API_VERSION).field("swaggerVersion", "1.1")
                .field("basePath", "http://127.0.0.1:" + port + "/ari");
        StringBuilder apis = j.key("apis").append('[');
        for (int i = 0; i < RESOURCES.length; i++) {
            if (i > 0) {
                apis.append(',');
            }
            Json.object(apis).field("path", "/api-docs/" + RESOURCES[i] + ".{format}")
                    .field("description", RESOURCES[i] + " resources").end();
        }
        apis.append(']');
        j.end();
        return sb.toString();
    }

    /** Every endpoint (all are PJSIP). Runs on the exchange's thread. */
    String endpoints() {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (String name : names()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            endpointJson(sb, name);
        }
        return sb.append(']').toString();
    }

    AriResponse endpointsOf(String tech) {
        if (!"PJSIP".equals(tech)) {
            return AriResponse.error(404, "Endpoints not found");
        }
        return AriResponse.ok(endpoints());
    }

    AriResponse endpoint(String tech, String resource) {
        if (!"PJSIP".equals(tech) || !names().contains(resource)) {
            return AriResponse.error(404, "Endpoint not found");
        }
        StringBuilder sb = new StringBuilder();
        endpointJson(sb, resource);
        return AriResponse.ok(sb.toString());
    }

    private Set<String> names() {
        // a trunk assigned at run time may take a line's name: listed once, as Asterisk lists one endpoint once
        Set<String> names = new LinkedHashSet<>();
        x.dialplan.trunkNames().forEach(names::add);
        names.addAll(x.dialplan.lineEndpoints());
        return names;
    }

    private void endpointJson(StringBuilder sb, String name) {
        List<String> ids = new ArrayList<>();
        String endpoint = "PJSIP/" + name;
        for (Channel ch : x.channels.values()) {
            if (endpoint.equals(ch.endpoint)) {
                ids.add(ch.id);
            }
        }
        // a customer endpoint has no contact of its own: Asterisk shows it offline
        String state = x.dialplan.isCustomerEndpoint(name) && !x.dialplan.isTrunk(name) ? "offline" : "online";
        Json.object(sb).field("technology", "PJSIP").field("resource", name).field("state", state)
                .strings("channel_ids", ids).end();
    }
}
