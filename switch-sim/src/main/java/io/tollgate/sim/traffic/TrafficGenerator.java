package io.tollgate.sim.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Customers' switches as an ARI client: places calls at the sources' rates through the {@code caller} endpoints
 * of any ARI switch (the local stack's Asterisk or the simulator, unchanged), never more than the concurrency cap
 * at once, follows each caller leg to its end, and writes what happened to the ground truth. It knows nothing of
 * the routing agent: whatever routes the calls is under test.
 */
public final class TrafficGenerator implements AutoCloseable {
    /** Where and how hard. */
    public record Settings(URI ari, String user, String password, int maxConcurrent, Duration runLength, long seed) {
        public Settings {
            Objects.requireNonNull(ari, "ari");
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("the concurrency cap must be at least 1");
            }
        }
    }

    /** Counts so far, for progress bars and the final summary. */
    public record Progress(long placed, long refusedToPlace, long heldBack, long answered, long ended,
                           int inFlight, Map<Integer, Long> causes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ARI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final String EVENT_FILTER =
            "{\"allowed\":[{\"type\":\"ChannelStateChange\"},{\"type\":\"ChannelDestroyed\"}]}";
    private static final Duration TICK = Duration.ofMillis(10);

    private final Settings settings;
    private final GroundTruth truth;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String app = "tollgate-gen-" + Long.toHexString(System.nanoTime() & 0xffffffL);
    private final String auth;
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> causes = new ConcurrentHashMap<>();
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong heldBack = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong numbers = new AtomicLong();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "traffic-clock");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch finished = new CountDownLatch(1);
    private WebSocket events;

    /** A caller leg in flight. */
    private static final class Leg {
        final PlannedCall call;
        final Instant placed;
        volatile Instant answered;

        Leg(PlannedCall call, Instant placed) {
            this.call = call;
            this.placed = placed;
        }
    }

    public TrafficGenerator(Settings settings, GroundTruth truth) {
        this.settings = settings;
        this.truth = truth;
        this.auth = "Basic " + Base64.getEncoder().encodeToString(
                (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** Connects, then places the sources' calls for the run's length; returns at once. */
    public void start(List<Source> sources) throws Exception {
        URI uri = URI.create(settings.ari().toString().replaceFirst("^http", "ws") + "events?app="
                + URLEncoder.encode(app, StandardCharsets.UTF_8));
        events = http.newWebSocketBuilder().header("Authorization", auth).buildAsync(uri, new Listener())
                .get(10, TimeUnit.SECONDS);
        filterEvents();
        long started = System.nanoTime();
        double[] owed = new double[sources.size()];
        long[] made = new long[sources.size()];
        SplittableRandom random = new SplittableRandom(settings.seed());
        clock.scheduleAtFixedRate(() -> tick(sources, owed, made, random, started), 0, TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the switch for the two event types {@link #onEvent} reads (3 of the 16 events a caller leg sends). Best
     * effort: a switch that refuses (Asterisk before 16.3, a fault) sends everything, read and dropped as before.
     */
    private void filterEvents() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(settings.ari().resolve("applications/" + enc(app) + "/eventFilter"))
                .PUT(HttpRequest.BodyPublishers.ofString(EVENT_FILTER)).header("Authorization", auth)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5)).build();
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
                    return;
                }
            } catch (IOException e) {
                // tried again below
            }
            Thread.sleep(100L << attempt);
        }
    }

    private void tick(List<Source> sources, double[] owed, long[] made, SplittableRandom random, long started) {
        Duration t = Duration.ofNanos(System.nanoTime() - started);
        if (t.compareTo(settings.runLength()) >= 0) {
            clock.shutdown();
            finished.countDown();
            return;
        }
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            if (!source.activeAt(t)) {
                continue;
            }
            owed[i] += source.cps() * TICK.toNanos() / 1e9;
            for (; owed[i] >= 1; owed[i]--) {
                if (legs.size() >= settings.maxConcurrent()) {
                    heldBack.incrementAndGet();
                    continue;
                }
                String number = source.numbers().apply(made[i]++);
                String aNumber = "49301" + String.format("%07d", random.nextInt(10_000_000));
                place(new PlannedCall(numbers.incrementAndGet(), source.name(), source.customer(),
                        source.callerEndpoint(), aNumber, number));
            }
        }
    }

    private void place(PlannedCall call) {
        String id = app + "-" + call.no();
        legs.put(id, new Leg(call, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        String query = "endpoint=" + enc("PJSIP/" + call.bNumber() + "@" + call.callerEndpoint()) + "&app=" + enc(app)
                + "&channelId=" + enc(id) + "&callerId=" + enc(call.aNumber()) + "&formats=" + enc("ulaw,alaw");
        HttpRequest request = HttpRequest.newBuilder(settings.ari().resolve("channels?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", auth)
                .timeout(Duration.ofSeconds(10)).build();
        placed.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null || response.statusCode() / 100 != 2) {
                // the switch refused the call itself: it never existed, and the truth says so
                refused.incrementAndGet();
                Leg leg = legs.remove(id);
                if (leg != null) {
                    finish(id, leg, Instant.now(), -1);
                }
            }
        });
    }

    private void onEvent(JsonNode event) {
        String type = event.path("type").asText();
        String id = event.path("channel").path("id").asText();
        Leg leg = legs.get(id);
        if (leg == null) {
            return;
        }
        if ("ChannelStateChange".equals(type) && "Up".equals(event.path("channel").path("state").asText())
                && leg.answered == null) {
            leg.answered = time(event);
            answered.incrementAndGet();
        } else if ("ChannelDestroyed".equals(type) && legs.remove(id) != null) {
            finish(id, leg, time(event), event.path("cause").asInt());
        }
    }

    private void finish(String id, Leg leg, Instant end, int cause) {
        ended.incrementAndGet();
        causes.computeIfAbsent(cause, c -> new AtomicLong()).incrementAndGet();
        truth.record(new GroundTruth.Outcome(leg.call, id, leg.placed, leg.answered, end, cause));
    }

    /** Waits for the run's length to pass and for every call placed to end; false if {@code patience} ran out first. */
    public boolean awaitDone(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        if (!finished.await(patience.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        while (!legs.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    public Progress progress() {
        Map<Integer, Long> byCause = new java.util.TreeMap<>();
        causes.forEach((cause, n) -> byCause.put(cause, n.get()));
        return new Progress(placed.get(), refused.get(), heldBack.get(), answered.get(), ended.get(), legs.size(),
                byCause);
    }

    /** Hangs up every caller leg still up (an aborted run leaves nothing on the switch) and disconnects. */
    @Override
    public void close() {
        clock.shutdownNow();
        List<String> open = new ArrayList<>(legs.keySet());
        for (String id : open) {
            HttpRequest hangup = HttpRequest.newBuilder(settings.ari().resolve("channels/" + enc(id)))
                    .DELETE().header("Authorization", auth).timeout(Duration.ofSeconds(5)).build();
            http.sendAsync(hangup, HttpResponse.BodyHandlers.discarding());
        }
        if (events != null) {
            events.abort();
        }
    }

    private static Instant time(JsonNode event) {
        String text = event.path("timestamp").asText();
        return text.isEmpty() ? Instant.now() : ARI_TIME.parse(text, Instant::from);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Collects whole text messages (an event can come in several frames). */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    onEvent(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    // an unreadable event cannot be about one of our legs in a way we could use; keep reading
                } finally {
                    partial.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
