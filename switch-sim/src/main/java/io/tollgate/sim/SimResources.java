package io.tollgate.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The simulator's own controls over HTTP, beside ARI (same credentials):
 *
 * <pre>
 * GET  /sim/status                              channels, bridges, applications
 * POST /sim/faults/drop-events[?every=SECONDS]  drop every event WebSocket now (or every N s; every=0 stops)
 * POST /sim/faults/delay-events?ms=D            hold every event back D ms
 * POST /sim/faults/fail-requests?share=P        fail a share P (0..1) of ARI requests with 500
 * POST /sim/faults/restart                      lose every channel and bridge, drop the sockets
 * POST /sim/faults/clear                        remove every fault
 * PUT  /sim/trunks/{name}?answer=R&amp;pdd_ms=D&amp;talk_s=T&amp;causes=17:0.5,34:0.5
 *                                               give a trunk a vendor profile (creates it if new)
 * </pre>
 */
final class SimResources {
    private final Exchange x;

    SimResources(Exchange x) {
        this.x = x;
    }

    CompletableFuture<AriResponse> handle(String method, List<String> path, Map<String, List<String>> params) {
        try {
            return route(method, path, params);
        } catch (IllegalArgumentException e) {
            return done(AriResponse.error(400, e.getMessage()));
        }
    }

    private CompletableFuture<AriResponse> route(String method, List<String> path, Map<String, List<String>> params) {
        String where = String.join("/", path);
        if ("GET".equals(method) && "status".equals(where)) {
            return x.call(this::status);
        }
        if ("POST".equals(method)) {
            switch (where) {
                case "faults/drop-events" -> {
                    String every = param(params, "every");
                    if (every == null) {
                        x.faults.dropEventSocketsNow();
                    } else {
                        x.faults.dropEventSocketsEvery(Duration.ofMillis(Math.round(Double.parseDouble(every) * 1000)));
                    }
                    return done(AriResponse.NO_CONTENT);
                }
                case "faults/delay-events" -> {
                    x.faults.delayEvents(Duration.ofMillis(Long.parseLong(required(params, "ms"))));
                    return done(AriResponse.NO_CONTENT);
                }
                case "faults/fail-requests" -> {
                    x.faults.failRequests(Double.parseDouble(required(params, "share")));
                    return done(AriResponse.NO_CONTENT);
                }
                case "faults/restart" -> {
                    x.faults.restart();
                    return done(AriResponse.NO_CONTENT);
                }
                case "faults/clear" -> {
                    x.faults.clear();
                    return done(AriResponse.NO_CONTENT);
                }
                default -> {
                }
            }
        }
        if ("PUT".equals(method) && path.size() == 2 && "trunks".equals(path.get(0))) {
            VendorProfile profile = profile(params);
            String trunk = path.get(1);
            return x.call(() -> {
                x.dialplan.assign(trunk, profile.behaviour(new SplittableRandom(x.options.seed() ^ trunk.hashCode())));
                return AriResponse.NO_CONTENT;
            });
        }
        return done(AriResponse.error(404, "Resource not found"));
    }

    private AriResponse status() {
        StringBuilder sb = new StringBuilder();
        Json j = Json.object(sb).field("channels", x.channels.size()).field("bridges", x.bridges.size());
        StringBuilder apps = j.key("applications").append('[');
        boolean first = true;
        for (StasisApp app : x.apps.values()) {
            if (!first) {
                apps.append(',');
            }
            first = false;
            Json.object(apps).field("name", app.name).field("registered", app.registered()).end();
        }
        apps.append(']');
        j.end();
        return AriResponse.ok(sb.toString());
    }

    private static VendorProfile profile(Map<String, List<String>> params) {
        double answer = Double.parseDouble(required(params, "answer"));
        Duration pdd = Duration.ofMillis(Long.parseLong(orElse(params, "pdd_ms", "0")));
        Duration talk = Duration.ofMillis(Math.round(Double.parseDouble(orElse(params, "talk_s", "20")) * 1000));
        Map<Integer, Double> causes = new LinkedHashMap<>();
        String list = param(params, "causes");
        if (list != null) {
            for (String pair : list.split(",")) {
                String[] kv = pair.split(":");
                causes.put(Integer.parseInt(kv[0].trim()), kv.length > 1 ? Double.parseDouble(kv[1].trim()) : 1.0);
            }
        }
        return new VendorProfile(answer, Distribution.fixed(pdd), Distribution.fixed(talk), causes);
    }

    private static String param(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String orElse(Map<String, List<String>> params, String name, String fallback) {
        String value = param(params, name);
        return value == null ? fallback : value;
    }

    private static String required(Map<String, List<String>> params, String name) {
        String value = param(params, name);
        if (value == null) {
            throw new IllegalArgumentException("Missing parameter " + name);
        }
        return value;
    }

    private static CompletableFuture<AriResponse> done(AriResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
