package io.tollgate.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A customer's switch for tests: places calls that reach the local stack's Asterisk over real SIP, so the routing
 * agent sees {@code PJSIP/customer-…} channels (identified by endpoint, as in production) instead of the Local
 * channels an ARI originate into {@code from-customer} gives. Each call is a channel on PJSIP endpoint
 * {@code caller} (infra/asterisk/conf/pjsip.conf), which sends its INVITE from 127.0.0.1:5070 to the customer
 * port 5060.
 *
 * <p>The caller legs live in a Stasis app of their own, named per instance: Asterisk hands an app's events to one
 * WebSocket only, so sharing {@code tollgate} would take events from the agent under test, and sharing one fixed
 * name would let two concurrent test runs take each other's. Every event about a dialled leg is kept, so a test
 * can ask about ringing after the answer came, or in any order it likes.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class Caller implements AutoCloseable {
    /** The PJSIP endpoint that plays the customer's switch. */
    public static final String ENDPOINT = "caller";
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);
    // ARI's timestamps: 2026-11-26T14:12:31.123+0000
    private static final DateTimeFormatter ARI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final AriSession ari;
    private final Set<String> dialled = new LinkedHashSet<>();
    private final List<JsonNode> seen = new ArrayList<>();

    /**
     * How a caller leg ended, as Asterisk reported it in ChannelDestroyed: the Q.850 {@code cause} and its text,
     * and {@code techCause}, the SIP status Asterisk tied to it (486 for 17, 503 for 34, ...), 0 when it gave none.
     */
    public record Hangup(int cause, String causeText, int techCause, JsonNode event) {
    }

    public Caller() throws Exception {
        this(LocalStack.ariUri());
    }

    /** A caller on the switch whose ARI base is {@code ariBase}: the local stack's Asterisk, or the simulator. */
    public Caller(java.net.URI ariBase) throws Exception {
        ari = new AriSession(ariBase, "tollgate-caller-" + UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> endpoint = ari.send("endpoints/PJSIP/" + ENDPOINT, "GET");
        if (endpoint.statusCode() == 404) {
            ari.close();
            throw new AssertionError("the running Asterisk has no PJSIP endpoint '" + ENDPOINT + "': it was started"
                    + " with configs older than infra/asterisk/conf/pjsip.conf. Restart it to load them:"
                    + " infra/stack down asterisk && infra/stack up asterisk");
        }
    }

    /** The Stasis app the caller legs are in (not the one the call arrives in). */
    public String app() {
        return ari.app();
    }

    /** Calls {@code number} with no calling number (it arrives as {@code anonymous}); returns the caller leg's id. */
    public String dial(String number) throws Exception {
        return dial(number, null);
    }

    /**
     * Calls {@code number} from {@code callerId} (the A-number the customer side and its CDR see, as
     * {@code "Name" <number>} or just a number; null for none); returns the caller leg's channel id, chosen here
     * so that no event about the leg can arrive before the test knows it.
     */
    public String dial(String number, String callerId) throws Exception {
        String id = "caller-" + UUID.randomUUID();
        dialled.add(id);
        String endpoint = "PJSIP/" + number + "@" + ENDPOINT;
        // formats: an ARI originate offers slin otherwise, which the loopback endpoints do not allow
        ari.post("channels?endpoint=" + enc(endpoint) + "&app=" + enc(ari.app()) + "&channelId=" + enc(id)
                + "&formats=" + enc("ulaw,alaw") + (callerId == null ? "" : "&callerId=" + enc(callerId)));
        return id;
    }

    /** Waits until the customer side rang (SIP 180): the leg's state turned Ringing. */
    public JsonNode awaitRinging(String channelId) throws InterruptedException {
        return await(channelId, "ringing", e -> stateChange(e, "Ringing")
                || "Dial".equals(type(e)) && "RINGING".equals(e.path("dialstatus").asText()));
    }

    /** Waits until the customer side answered (SIP 200): the leg's state turned Up. */
    public JsonNode awaitAnswered(String channelId) throws InterruptedException {
        return await(channelId, "answered", e -> stateChange(e, "Up"));
    }

    /** Waits until the leg is gone, whoever hung up, and returns the cause Asterisk gave it. */
    public Hangup awaitDestroyed(String channelId) throws InterruptedException {
        JsonNode e = await(channelId, "destroyed", ev -> "ChannelDestroyed".equals(type(ev)));
        return new Hangup(e.path("cause").asInt(), e.path("cause_txt").asText(), e.path("tech_cause").asInt(), e);
    }

    /** Every event seen so far about {@code channelId}, oldest first (for assertions on order, and for failures). */
    public List<JsonNode> events(String channelId) {
        return seen.stream().filter(e -> channelId.equals(channelId(e))).toList();
    }

    /** Hangs up the caller leg (a SIP BYE or CANCEL towards the customer side); a leg already gone is fine. */
    public void hangUp(String channelId) throws Exception {
        HttpResponse<String> r = ari.delete("channels/" + enc(channelId));
        if (r.statusCode() != 204 && r.statusCode() != 404) {
            throw new AssertionError("ARI DELETE channels/" + channelId + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** An ARI event's time. */
    public static Instant time(JsonNode event) {
        return ARI_TIME.parse(event.path("timestamp").asText(), Instant::from);
    }

    /** Hangs up every leg still up, so that a failed test leaves no call behind, and disconnects. */
    @Override
    public void close() {
        try {
            for (String id : dialled) {
                boolean destroyed = seen.stream().anyMatch(e -> id.equals(channelId(e))
                        && "ChannelDestroyed".equals(type(e)));
                if (!destroyed) {
                    hangUp(id);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not hang up the caller's legs", e);
        } finally {
            ari.close();
        }
    }

    private JsonNode await(String channelId, String what, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        for (int i = 0; ; i++) {
            while (i == seen.size()) {
                long left = deadline - System.nanoTime();
                JsonNode e = left > 0 ? ari.poll(Duration.ofNanos(left)) : null;
                if (e == null && System.nanoTime() >= deadline) {
                    throw new AssertionError("caller leg " + channelId + " was not " + what + " within "
                            + EVENT_TIMEOUT.toSeconds() + " s; its events: " + events(channelId));
                }
                if (e != null && dialled.contains(channelId(e))) {
                    seen.add(e);
                }
            }
            JsonNode e = seen.get(i);
            if (!channelId.equals(channelId(e))) {
                continue;
            }
            if (wanted.test(e)) {
                return e;
            }
            if ("ChannelDestroyed".equals(type(e))) {
                throw new AssertionError("caller leg " + channelId + " was destroyed before it was " + what
                        + "; its events: " + events(channelId));
            }
        }
    }

    /** The caller leg an event is about: {@code channel}, or {@code peer} in Dial events (the leg is the dialled one). */
    private static String channelId(JsonNode e) {
        JsonNode channel = e.has("channel") ? e.path("channel") : e.path("peer");
        return channel.path("id").asText(null);
    }

    private static boolean stateChange(JsonNode e, String state) {
        return "ChannelStateChange".equals(type(e)) && state.equals(e.path("channel").path("state").asText());
    }

    private static String type(JsonNode e) {
        return e.path("type").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
