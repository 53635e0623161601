package io.tollgate.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives a switch with the routing agent's flow, as fast as asked: calls placed through the caller endpoint, each
 * customer leg bridged, rung, a vendor leg created, bridged and dialled, the customer answered when the vendor
 * answers, the customer hung up and the bridge destroyed when the vendor hangs up (after the switch's talk time).
 * Ten requests a call. For load measurements ({@link #main}) and the short no-leak test.
 *
 * <pre>java -cp ... io.tollgate.sim.AgentLikeLoad PORT CALLS CPS [NUMBER_PREFIX]</pre>
 */
final class AgentLikeLoad implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    static final String CALLER_APP = "load-caller";

    private final HttpClient http;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "load");
        t.setDaemon(true);
        return t;
    });
    private final URI ari;
    private final String auth;
    private final Semaphore inFlight = new Semaphore(256);
    private final Map<String, String> customerOfLeg = new ConcurrentHashMap<>();
    private final WebSocket tollgate;
    private final WebSocket caller;

    final LongAdder requests = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder placed = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder ended = new LongAdder();
    final LongAdder events = new LongAdder();
    final AtomicLong latencyNanos = new AtomicLong();

    AgentLikeLoad(URI ari, String user, String password) throws Exception {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads).build();
        this.ari = ari;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        String ws = ari.toString().replaceFirst("^http", "ws") + "events?app=";
        this.tollgate = http.newWebSocketBuilder().header("Authorization", auth)
                .buildAsync(URI.create(ws + ScenarioRun.CUSTOMER_APP), new Events(this::onTollgate)).get(10, TimeUnit.SECONDS);
        this.caller = http.newWebSocketBuilder().header("Authorization", auth)
                .buildAsync(URI.create(ws + CALLER_APP), new Events(this::onCaller)).get(10, TimeUnit.SECONDS);
    }

    /** Places {@code calls} calls at {@code cps} a second to numbers {@code prefix + i}. */
    void place(int calls, int cps, String prefix) throws InterruptedException {
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long due = started + (long) (i * (1e9 / cps));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            placed.increment();
            request("POST", "channels?endpoint=PJSIP/" + prefix + i + "@caller&app=" + CALLER_APP + "&channelId=lc-" + i
                    + "&formats=ulaw,alaw&timeout=-1");
        }
    }

    // ---- the agent's reactions -------------------------------------------------------------------------------

    private void onTollgate(String type, String id, String name, String state) {
        switch (type) {
            case "StasisStart" -> {
                if (name.startsWith("PJSIP/customer-")) {
                    String bridge = "lb-" + id;
                    String leg = bridge + "-v";
                    customerOfLeg.put(leg, id);
                    request("POST", "bridges?type=mixing&bridgeId=" + bridge + "&name=" + bridge)
                            .thenCompose(v -> request("POST", "bridges/" + bridge + "/addChannel?channel=" + id))
                            .thenCompose(v -> request("POST", "channels/" + id + "/ring"))
                            .thenCompose(v -> request("POST", "channels/create?endpoint=PJSIP/4420" + id.replace(".", "")
                                    + "@vendor-a&app=tollgate&channelId=" + leg + "&formats=ulaw,alaw"));
                } else if (customerOfLeg.containsKey(id)) {
                    String bridge = id.substring(0, id.length() - 2);
                    request("POST", "bridges/" + bridge + "/addChannel?channel=" + id)
                            .thenCompose(v -> request("POST", "channels/" + id + "/dial?timeout=30"));
                }
            }
            case "ChannelStateChange" -> {
                String customer = customerOfLeg.get(id);
                if (customer != null && "Up".equals(state)) {
                    answered.increment();
                    request("POST", "channels/" + customer + "/answer");
                }
            }
            case "ChannelDestroyed" -> {
                String customer = customerOfLeg.remove(id);
                if (customer != null) {
                    request("DELETE", "channels/" + customer + "?reason_code=16")
                            .thenCompose(v -> request("DELETE", "bridges/" + id.substring(0, id.length() - 2)));
                }
            }
            default -> {
            }
        }
    }

    private void onCaller(String type, String id, String name, String state) {
        if ("ChannelDestroyed".equals(type)) {
            ended.increment();
        }
    }

    private CompletableFuture<Void> request(String method, String path) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(null);
        }
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(ari.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", auth).timeout(Duration.ofSeconds(30)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, error) -> {
            inFlight.release();
            requests.increment();
            latencyNanos.addAndGet(System.nanoTime() - started);
            if (error != null || r.statusCode() / 100 != 2) {
                failures.increment();
            }
            return null;
        });
    }

    @Override
    public void close() {
        tollgate.abort();
        caller.abort();
        threads.shutdownNow();
    }

    /** Reads just what the flow needs from each event: type, channel id, name, state. */
    private final class Events implements WebSocket.Listener {
        private final Handler handler;
        private final StringBuilder partial = new StringBuilder();

        Events(Handler handler) {
            this.handler = handler;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                events.increment();
                try {
                    parse(partial.toString());
                } catch (Exception e) {
                    failures.increment();
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void parse(String json) throws Exception {
            String type = null;
            String id = null;
            String name = null;
            String state = null;
            try (JsonParser p = JSON.createParser(json)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("type".equals(field)) {
                        type = p.getText();
                    } else if ("channel".equals(field) || "peer".equals(field)) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            p.nextToken();
                            switch (f) {
                                case "id" -> id = p.getText();
                                case "name" -> name = p.getText();
                                case "state" -> state = p.getText();
                                default -> p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
            if (type != null && id != null) {
                handler.on(type, id, name == null ? "" : name, state);
            }
        }
    }

    @FunctionalInterface
    private interface Handler {
        void on(String type, String id, String name, String state);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        int cps = Integer.parseInt(args[2]);
        String prefix = args.length > 3 ? args[3] : "4420";
        try (AgentLikeLoad load = new AgentLikeLoad(URI.create("http://127.0.0.1:" + port + "/ari/"), "tollgate", "tollgate")) {
            Thread placing = new Thread(() -> {
                try {
                    load.place(calls, cps, prefix);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            placing.start();
            long last = 0;
            long lastTime = System.nanoTime();
            while (load.ended.sum() < calls) {
                Thread.sleep(1000);
                long now = System.nanoTime();
                long requests = load.requests.sum();
                double rate = (requests - last) / ((now - lastTime) / 1e9);
                System.out.printf("placed %d answered %d ended %d up %d | %.0f req/s, mean latency %.1f ms, failures %d,"
                                + " events %d%n", load.placed.sum(), load.answered.sum(), load.ended.sum(),
                        load.answered.sum() - load.ended.sum(), rate,
                        requests == 0 ? 0 : load.latencyNanos.get() / 1e6 / requests, load.failures.sum(), load.events.sum());
                last = requests;
                lastTime = now;
            }
        }
    }
}
