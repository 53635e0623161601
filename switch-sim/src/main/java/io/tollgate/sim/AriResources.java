package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * ARI's REST resources: maps a method and a path under {@code /ari/} to the exchange. Parameters come from the query
 * string and, as Asterisk allows, from a JSON body ({@code variables} only from the body). Requests that change or
 * read the switch run on the exchange's thread; the static ones (info, api-docs) answer at once.
 */
final class AriResources {
    /** Channel operations Asterisk has that the simulator does not play (media, recording, snooping...). */
    private static final Set<String> UNSIMULATED_CHANNEL_OPS = Set.of("continue", "move", "redirect", "dtmf", "mute",
            "hold", "moh", "silence", "play", "record", "snoop", "rtp_statistics", "transfer_progress", "variables");

    private final Exchange x;
    private final AsteriskInfo info;

    AriResources(Exchange x, AsteriskInfo info) {
        this.x = x;
        this.info = info;
    }

    /** A parsed request: the path segments after {@code /ari/}, merged parameters, body variables. */
    record Call(String method, List<String> path, Map<String, List<String>> params, Map<String, String> variables,
                JsonNode body) {
        String param(String name) {
            List<String> values = params.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** A parameter that may repeat or be comma separated ({@code channel=a,b}). */
        List<String> list(String name) {
            List<String> out = new ArrayList<>();
            for (String value : params.getOrDefault(name, List.of())) {
                for (String part : value.split(",")) {
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                }
            }
            return out;
        }

        int intParam(String name, int fallback) {
            String value = param(name);
            if (value == null || value.isEmpty()) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        String segment(int i) {
            return i < path.size() ? path.get(i) : null;
        }
    }

    CompletableFuture<AriResponse> handle(Call c) {
        String resource = c.segment(0);
        if (resource == null) {
            return done(AriResponse.error(404, "Resource not found"));
        }
        return switch (resource) {
            case "asterisk" -> asterisk(c);
            case "api-docs" -> done(apiDocs(c));
            case "endpoints" -> endpoints(c);
            case "channels" -> channels(c);
            case "bridges" -> bridges(c);
            case "applications" -> applications(c);
            case "events" -> events(c);
            default -> done(AriResponse.error(404, "Resource not found"));
        };
    }

    // ---- asterisk, api-docs, endpoints -------------------------------------------------------------------------

    private CompletableFuture<AriResponse> asterisk(Call c) {
        String what = c.segment(1);
        if (c.path().size() != 2 || !("info".equals(what) || "ping".equals(what))) {
            return done(AriResponse.error(404, "Resource not found"));
        }
        if (!"GET".equals(c.method())) {
            return done(invalidMethod());
        }
        return done("info".equals(what) ? AriResponse.ok(info.info(c.list("only"))) : AriResponse.ok(info.ping()));
    }

    private AriResponse apiDocs(Call c) {
        if (!"GET".equals(c.method())) {
            return invalidMethod();
        }
        if (c.path().size() == 2 && "resources.json".equals(c.segment(1))) {
            return AriResponse.ok(info.resources());
        }
        return AriResponse.error(404, "Resource not found");
    }

    private CompletableFuture<AriResponse> endpoints(Call c) {
        if (!"GET".equals(c.method())) {
            return done(c.path().size() <= 3 ? invalidMethod() : AriResponse.error(404, "Resource not found"));
        }
        return switch (c.path().size()) {
            case 1 -> x.call(() -> AriResponse.ok(info.endpoints()));
            case 2 -> x.call(() -> info.endpointsOf(c.segment(1)));
            case 3 -> x.call(() -> info.endpoint(c.segment(1), c.segment(2)));
            default -> done(AriResponse.error(404, "Resource not found"));
        };
    }

    // ---- channels ----------------------------------------------------------------------------------------------

    private CompletableFuture<AriResponse> channels(Call c) {
        ChannelControl ops = x.channelControl;
        List<String> p = c.path();
        String m = c.method();
        if (p.size() == 1) {
            return switch (m) {
                case "GET" -> x.call(ops::list);
                case "POST" -> x.call(() -> ops.originate(request(c, c.param("channelId"))));
                default -> done(invalidMethod());
            };
        }
        String id = p.get(1);
        if (p.size() == 2) {
            if ("create".equals(id) && "POST".equals(m)) {
                return x.call(() -> ops.create(request(c, c.param("channelId"))));
            }
            if ("externalMedia".equals(id)) {
                return done(unsimulated("externalMedia"));
            }
            return switch (m) {
                case "GET" -> x.call(() -> ops.get(id));
                case "POST" -> x.call(() -> ops.originate(request(c, id)));
                case "DELETE" -> x.call(() -> ops.hangup(id, c.param("reason_code"), c.param("reason")));
                default -> done(invalidMethod());
            };
        }
        if (p.size() != 3) {
            return done(UNSIMULATED_CHANNEL_OPS.contains(p.get(2)) ? unsimulated(p.get(2))
                    : AriResponse.error(404, "Resource not found"));
        }
        String op = p.get(2);
        return switch (op + " " + m) {
            case "dial POST" -> x.call(() -> ops.dial(id, c.param("caller"), c.intParam("timeout", 0)));
            case "answer POST" -> x.call(() -> ops.answer(id));
            case "ring POST" -> x.call(() -> ops.ring(id));
            case "ring DELETE" -> x.call(() -> ops.ringStop(id));
            case "progress POST" -> x.call(() -> ops.progress(id));
            case "variable GET" -> x.call(() -> ops.getVariable(id, c.param("variable")));
            case "variable POST" -> x.call(() -> ops.setVariable(id, c.param("variable"), c.param("value")));
            default -> {
                if (Set.of("dial", "answer", "ring", "progress", "variable").contains(op)) {
                    yield done(invalidMethod());
                }
                yield done(UNSIMULATED_CHANNEL_OPS.contains(op) ? unsimulated(op)
                        : AriResponse.error(404, "Resource not found"));
            }
        };
    }

    private static ChannelControl.Request request(Call c, String channelId) {
        return new ChannelControl.Request(c.param("endpoint"), c.param("app"), c.param("appArgs"), channelId,
                c.param("otherChannelId"), c.param("callerId"), c.param("context"), c.param("extension"),
                c.intParam("timeout", 0), c.param("originator"), c.param("formats"), c.variables());
    }

    // ---- bridges -----------------------------------------------------------------------------------------------

    private CompletableFuture<AriResponse> bridges(Call c) {
        BridgeControl ops = x.bridgeControl;
        List<String> p = c.path();
        String m = c.method();
        if (p.size() == 1) {
            return switch (m) {
                case "GET" -> x.call(ops::list);
                case "POST" -> x.call(() -> ops.create(c.param("bridgeId"), c.param("type"), c.param("name"), false));
                default -> done(invalidMethod());
            };
        }
        String id = p.get(1);
        if (p.size() == 2) {
            return switch (m) {
                case "GET" -> x.call(() -> ops.get(id));
                case "POST" -> x.call(() -> ops.create(id, c.param("type"), c.param("name"), true));
                case "DELETE" -> x.call(() -> ops.destroy(id));
                default -> done(invalidMethod());
            };
        }
        if (p.size() == 3 && "POST".equals(m)) {
            switch (p.get(2)) {
                case "addChannel":
                    return x.call(() -> ops.addChannel(id, c.list("channel")));
                case "removeChannel":
                    return x.call(() -> ops.removeChannel(id, c.list("channel")));
                default:
                    break;
            }
        }
        return done(p.size() >= 3 && Set.of("moh", "play", "record", "variable", "variables", "videoSource")
                .contains(p.get(2)) ? unsimulated(p.get(2)) : AriResponse.error(404, "Resource not found"));
    }

    // ---- applications and events -------------------------------------------------------------------------------

    private CompletableFuture<AriResponse> applications(Call c) {
        List<String> p = c.path();
        String m = c.method();
        if (p.size() == 1) {
            return "GET".equals(m) ? x.call(x.stasis::list) : done(invalidMethod());
        }
        String app = p.get(1);
        if (p.size() == 2) {
            return "GET".equals(m) ? x.call(() -> x.stasis.get(app)) : done(invalidMethod());
        }
        if (p.size() == 3 && "subscription".equals(p.get(2))) {
            return switch (m) {
                case "POST" -> x.call(() -> x.stasis.subscribe(app, c.list("eventSource"), true));
                case "DELETE" -> x.call(() -> x.stasis.subscribe(app, c.list("eventSource"), false));
                default -> done(invalidMethod());
            };
        }
        if (p.size() == 3 && "eventFilter".equals(p.get(2))) {
            if (!"PUT".equals(m)) {
                return done(invalidMethod());
            }
            JsonNode filter = c.body() == null ? null : c.body().has("filter") ? c.body().get("filter") : c.body();
            return x.call(() -> x.stasis.filter(app, types(filter, "allowed"), types(filter, "disallowed")));
        }
        return done(AriResponse.error(404, "Resource not found"));
    }

    private static List<String> types(JsonNode filter, String field) {
        List<String> out = new ArrayList<>();
        if (filter != null && filter.has(field)) {
            for (JsonNode entry : filter.get(field)) {
                if (entry.has("type")) {
                    out.add(entry.get("type").asText());
                }
            }
        }
        return out;
    }

    private CompletableFuture<AriResponse> events(Call c) {
        List<String> p = c.path();
        if (p.size() == 3 && "user".equals(p.get(1))) {
            if (!"POST".equals(c.method())) {
                return done(invalidMethod());
            }
            if (c.body() != null && c.body().path("variables").isNull()) {
                // Asterisk 22 answers {"variables":null} so (ari4java sends it when no variable is set)
                return done(AriResponse.error(500, "Error processing request"));
            }
            String name = p.get(2);
            String application = c.param("application");
            List<String> sources = c.list("source");
            Map<String, String> variables = c.variables() == null ? Map.of() : c.variables();
            return x.call(() -> userEvent(name, application, sources, variables));
        }
        return done(AriResponse.error(404, "Resource not found"));
    }

    private AriResponse userEvent(String name, String application, List<String> sources,
                                  Map<String, String> variables) {
        if (application == null || application.isEmpty()) {
            return AriResponse.error(400, "Missing parameter application");
        }
        StasisApp app = x.apps.get(application);
        if (app == null || !app.registered()) {
            return AriResponse.error(404, "Application not found");
        }
        Channel subject = null;
        for (String source : sources) {
            if (source.startsWith("channel:")) {
                subject = x.channel(source.substring("channel:".length()));
                if (subject == null) {
                    return AriResponse.error(422, "Event source not found");
                }
            }
        }
        x.events.userEvent(app, name, subject, out -> {
            Map<String, String> ordered = new LinkedHashMap<>(variables);
            ordered.forEach((k, v) -> {
                out.append(',');
                Json.string(out, k);
                out.append(':');
                Json.string(out, v);
            });
        });
        return AriResponse.NO_CONTENT;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static CompletableFuture<AriResponse> done(AriResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static AriResponse invalidMethod() {
        return AriResponse.error(405, "Invalid method");
    }

    private static AriResponse unsimulated(String op) {
        return AriResponse.error(501, "Not simulated: " + op);
    }
}
