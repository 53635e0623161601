package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event sequences recorded from the local stack's Asterisk 22 ({@code src/test/resources/recorded/<scenario>.json}),
 * and how two sequences are compared.
 *
 * <p>Events are compared per application and per subject (a channel, or a bridge for bridge-only events), in
 * order, field for field and in Asterisk's field order, with ids replaced by roles and times and random parts
 * blanked. Events about different channels are not ordered against each other: Asterisk publishes them from
 * different threads, and their interleaving varies from run to run. Where Asterisk's own order varies for one
 * channel (ChannelStateChange Ringing and Dial RINGING race), a fixture keeps every variant seen, and a sequence
 * matches if it equals one of them.
 */
final class Fixture {
    static final Path DIR = Path.of("src/test/resources/recorded");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A scenario's recording: where it comes from and each distinct run, normalised. */
    record Recording(String scenario, String source, List<List<JsonNode>> variants) {
    }

    private Fixture() {
    }

    static Recording load(String scenario) {
        try (InputStream in = Fixture.class.getResourceAsStream("/recorded/" + scenario + ".json")) {
            if (in == null) {
                return null;
            }
            JsonNode root = AriTestClient.JSON.readTree(in);
            List<List<JsonNode>> variants = new ArrayList<>();
            for (JsonNode variant : root.path("variants")) {
                List<JsonNode> events = new ArrayList<>();
                variant.forEach(events::add);
                variants.add(events);
            }
            return new Recording(root.path("scenario").asText(), root.path("source").asText(), variants);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the recording of " + scenario, e);
        }
    }

    /** Writes a recording with one event a line: small, and a re-recording shows as a readable diff. */
    static void save(Recording recording) throws IOException {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"scenario\": ").append(AriTestClient.JSON.writeValueAsString(recording.scenario())).append(",\n");
        out.append("  \"source\": ").append(AriTestClient.JSON.writeValueAsString(recording.source())).append(",\n");
        out.append("  \"variants\": [\n");
        for (int v = 0; v < recording.variants().size(); v++) {
            out.append("    [\n");
            List<JsonNode> events = recording.variants().get(v);
            for (int e = 0; e < events.size(); e++) {
                out.append("      ").append(AriTestClient.JSON.writeValueAsString(events.get(e)))
                        .append(e + 1 < events.size() ? ",\n" : "\n");
            }
            out.append(v + 1 < recording.variants().size() ? "    ],\n" : "    ]\n");
        }
        out.append("  ]\n}\n");
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve(recording.scenario() + ".json"), out.toString());
    }

    /**
     * Replaces ids by roles ({@code roleOfId}, longest id first), Call-IDs by the role of the channel that carries
     * them, times by {@code <time>}, channel name counters by {@code XXXXXXXX} and RTP SSRCs by {@code N}.
     */
    static List<JsonNode> normalise(List<JsonNode> events, Map<String, String> roleOfId) {
        List<Map.Entry<String, String>> ids = new ArrayList<>(roleOfId.entrySet());
        ids.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode event : events) {
            String text = event.toString();
            for (Map.Entry<String, String> id : ids) {
                text = text.replace("\"" + id.getKey() + "\"", "\"" + id.getValue() + "\"")
                        .replace("\"" + id.getKey() + ",", "\"" + id.getValue() + ",");
            }
            text = text.replaceAll("\"(timestamp|creationtime)\":\"[^\"]*\"", "\"$1\":\"<time>\"")
                    .replaceAll("\"asterisk_id\":\"[^\"]*\"", "\"asterisk_id\":\"<asterisk>\"")
                    .replaceAll("(PJSIP/[^\"]+)-[0-9a-f]{8}\"", "$1-XXXXXXXX\"")
                    .replaceAll("(Local/[^\"]+)-[0-9a-f]{8};([12])\"", "$1-XXXXXXXX;$2\"")
                    .replaceAll("ssrc=\\d+", "ssrc=N");
            try {
                out.add(AriTestClient.JSON.readTree(text));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return replaceCallIds(out);
    }

    /** A Call-ID becomes {@code <pid:ROLE>}, ROLE the first (by name) of the channels that carry it. */
    private static List<JsonNode> replaceCallIds(List<JsonNode> events) {
        Map<String, TreeSet<String>> carriers = new LinkedHashMap<>();
        for (JsonNode e : events) {
            for (String field : new String[]{"channel", "peer"}) {
                JsonNode ch = e.path(field);
                String pid = ch.path("protocol_id").asText("");
                if (!pid.isEmpty()) {
                    carriers.computeIfAbsent(pid, p -> new TreeSet<>()).add(ch.path("id").asText());
                }
            }
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            String text = e.toString();
            Matcher m = UUID.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                TreeSet<String> roles = carriers.get(m.group());
                m.appendReplacement(sb, Matcher.quoteReplacement("<pid:" + (roles == null ? "?" : roles.first()) + ">"));
            }
            m.appendTail(sb);
            try {
                out.add(AriTestClient.JSON.readTree(sb.toString()));
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return out;
    }

    /** Events grouped by {@code application subject}, each group in arrival order, as JSON text (field order kept). */
    static Map<String, List<String>> groups(List<JsonNode> events) {
        Map<String, List<String>> groups = new TreeMap<>();
        for (JsonNode e : events) {
            String key = e.path("application").asText() + " " + Ev.subject(e);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e.toString());
        }
        return groups;
    }

    /** Where {@code actual} differs from every variant of {@code recording}; empty when it matches. */
    static List<String> differences(Recording recording, List<JsonNode> actual) {
        Map<String, List<String>> got = groups(actual);
        List<Map<String, List<String>>> variants = recording.variants().stream().map(Fixture::groups).toList();
        List<String> problems = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(got.keySet());
        variants.forEach(v -> keys.addAll(v.keySet()));
        for (String key : keys) {
            List<String> mine = got.getOrDefault(key, List.of());
            boolean matched = false;
            List<String> closest = null;
            for (Map<String, List<String>> variant : variants) {
                List<String> theirs = variant.getOrDefault(key, List.of());
                if (theirs.equals(mine)) {
                    matched = true;
                    break;
                }
                if (closest == null) {
                    closest = theirs;
                }
            }
            if (!matched) {
                problems.add(describe(key, closest == null ? List.of() : closest, mine));
            }
        }
        return problems;
    }

    private static String describe(String key, List<String> expected, List<String> actual) {
        StringBuilder sb = new StringBuilder("events of [" + key + "] differ:\n");
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            String e = i < expected.size() ? expected.get(i) : "(none)";
            String a = i < actual.size() ? actual.get(i) : "(none)";
            sb.append(e.equals(a) ? "   = " : "   ! ").append(i).append(' ').append(summary(e)).append('\n');
            if (!e.equals(a)) {
                sb.append("       recorded: ").append(e).append('\n');
                sb.append("       this run: ").append(a).append('\n');
            }
        }
        return sb.toString();
    }

    private static String summary(String json) {
        try {
            JsonNode e = AriTestClient.JSON.readTree(json);
            return Ev.type(e) + (e.has("variable") ? " " + e.path("variable").asText() : "")
                    + (e.has("dialstatus") ? " " + e.path("dialstatus").asText() : "")
                    + (e.has("cause") ? " cause " + e.path("cause").asText() : "");
        } catch (IOException ex) {
            return json;
        }
    }
}
