// ARI smoke check of the local Asterisk (run by `infra/stack smoke asterisk` as a Java 17 single-file program:
// `java AriSmoke.java http://127.0.0.1:8088 USER PASSWORD APP`). No dependencies: java.net.http only.
//
// It connects the ARI event WebSocket as application APP, then
//  1. originates Local/<number>@from-customer (the customer entry) and expects the other half to enter
//     Stasis(APP) with the dialled number as its argument;
//  2. originates PJSIP/<number>@caller (the test caller, udp 5070) and expects the call to arrive over SIP as
//     PJSIP/customer-... in Stasis(APP) with the number as argument, and a reject with cause 17 to reach the caller;
//  3. originates calls over the PJSIP trunks vendor-a/-b/-c to the simulated vendors and expects the
//     behaviour of the vendor-sim prefix table (answer, busy 17, congestion 34, unallocated 1, no answer 19,
//     slow answer, per-vendor failures).
// Exit 0 when every case passed.
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class AriSmoke {
    private static final Pattern TYPE = Pattern.compile("\"type\":\"(\\w+)\"");
    private static final Pattern CAUSE = Pattern.compile("\"cause\":(\\d+)");
    private static final Pattern ARGS = Pattern.compile("\"args\":\\[([^\\]]*)\\]");
    private static final Pattern CHANNEL_ID = Pattern.compile("\"channel\":\\{\"id\":\"([^\"]+)\"");
    private static final Pattern CHANNEL_NAME = Pattern.compile("\"channel\":\\{\"id\":\"[^\"]+\",\"name\":\"([^\"]+)\"");

    /** One test call: what to originate and what must happen to it. expectCause < 0 = must be answered. */
    private record Case(String label, String endpoint, String number, int expectCause, long minAnswerMs,
                        boolean hangUpOurselves) {}

    /** An ARI event as received, with its arrival time (System.nanoTime()). */
    private record Ev(long at, String json) {}

    private static final Map<String, BlockingQueue<Ev>> EVENTS = new ConcurrentHashMap<>();
    /** Queues for events that mention a text rather than a channel id we chose (a channel Asterisk named). */
    private static final Map<String, BlockingQueue<Ev>> EVENTS_WITH = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8088";
        String user = args.length > 1 ? args[1] : "tollgate";
        String password = args.length > 2 ? args[2] : "tollgate";
        String app = args.length > 3 ? args[3] : "tollgate";
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        WebSocket ws = http.newWebSocketBuilder()
                .header("Authorization", auth)
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ari/events?app=" + enc(app)), new Listener())
                .get(10, TimeUnit.SECONDS);

        String run = Long.toString(System.currentTimeMillis() % 1_000_000);
        List<Case> cases = List.of(
                new Case("vendor-a answers, talks 2 s, far end clears (16)", "PJSIP/%s@vendor-a", "2800299", 16, 0, false),
                new Case("vendor-b busy (17)", "PJSIP/%s@vendor-b", "2819999", 17, 0, false),
                new Case("vendor-c congestion (34)", "PJSIP/%s@vendor-c", "2829999", 34, 0, false),
                new Case("vendor-a unallocated (1)", "PJSIP/%s@vendor-a", "2839999", 1, 0, false),
                new Case("vendor-b rings 1 s, no answer (19)", "PJSIP/%s@vendor-b", "2840199", 19, 0, false),
                new Case("vendor-c slow answer after 2 s (PDD)", "PJSIP/%s@vendor-c", "2850299", -1, 1800, true),
                new Case("286 1: vendor-a congested (34)", "PJSIP/%s@vendor-a", "28619999", 34, 0, false),
                new Case("286 1: vendor-b answers", "PJSIP/%s@vendor-b", "28619999", -1, 0, true),
                new Case("287 3: vendor-c answers", "PJSIP/%s@vendor-c", "28739999", -1, 0, true),
                new Case("287 3: vendor-a congested (34)", "PJSIP/%s@vendor-a", "28739999", 34, 0, false),
                new Case("E.164 default: vendor-b answers", "PJSIP/%s@vendor-b", "442071234567", -1, 0, true));

        int passed = 0;
        int failed = 0;

        // 1. The customer entry: Local/<number>@from-customer; the ;2 half runs from-customer -> Stasis(app, number).
        String number = "442071234567";
        String callerId = "smoke-" + run + "-cust";
        String stasisId = callerId + "-2";
        EVENTS.put(stasisId, new LinkedBlockingQueue<>());
        long t0 = System.nanoTime();
        int status = post(http, auth, base + "/ari/channels?endpoint=" + enc("Local/" + number + "@from-customer")
                + "&context=caller-wait&extension=s&priority=1&formats=" + enc("ulaw,alaw")
                + "&channelId=" + callerId + "&otherChannelId=" + stasisId + "&timeout=30");
        Ev start = status == 200 ? await(stasisId, "StasisStart", 10_000) : null;
        Matcher am = start == null ? null : ARGS.matcher(start.json());
        if (start != null && am.find() && am.group(1).contains("\"" + number + "\"")) {
            System.out.printf("PASS  customer entry: Local/%s@from-customer entered Stasis(%s) as %s with args [%s] after %d ms%n",
                    number, app, stasisId, am.group(1), ms(t0, start.at()));
            passed++;
        } else {
            System.out.printf("FAIL  customer entry: originate status %d, StasisStart %s%n", status, start);
            failed++;
        }
        delete(http, auth, base + "/ari/channels/" + stasisId);

        // 2. The customer entry over SIP: endpoint caller (5070) -> 5060, identified as endpoint customer.
        String sipNumber = "2800513" + run;
        String sipCaller = "smoke-" + run + "-sip-caller";
        EVENTS.put(sipCaller, new LinkedBlockingQueue<>());
        EVENTS_WITH.put("\"args\":[\"" + sipNumber + "\"]", new LinkedBlockingQueue<>());
        t0 = System.nanoTime();
        status = post(http, auth, base + "/ari/channels?endpoint=" + enc("PJSIP/" + sipNumber + "@caller")
                + "&app=" + enc(app) + "&channelId=" + sipCaller + "&formats=" + enc("ulaw,alaw") + "&timeout=30");
        Ev sipStart = null;
        for (long end = System.currentTimeMillis() + 10_000; status == 200 && sipStart == null
                && System.currentTimeMillis() < end; ) {
            Ev ev = EVENTS_WITH.get("\"args\":[\"" + sipNumber + "\"]").poll(200, TimeUnit.MILLISECONDS);
            if (ev != null && "StasisStart".equals(group(TYPE, ev.json()))) sipStart = ev;
        }
        String customerId = sipStart == null ? null : group(CHANNEL_ID, sipStart.json());
        Ev sipEnd = null;
        if (customerId != null) {
            delete(http, auth, base + "/ari/channels/" + customerId + "?reason_code=17");
            sipEnd = await(sipCaller, "ChannelDestroyed", 10_000);
        }
        String sipCause = sipEnd == null ? null : group(CAUSE, sipEnd.json());
        if (sipStart != null && sipStart.json().contains("\"name\":\"PJSIP/customer-") && "17".equals(sipCause)) {
            System.out.printf("PASS  customer entry over SIP: PJSIP/%s@caller entered Stasis(%s) as %s after %d ms;"
                    + " rejected with 17, the caller got cause %s%n", sipNumber, app, group(CHANNEL_NAME, sipStart.json()),
                    ms(t0, sipStart.at()), sipCause);
            passed++;
        } else {
            System.out.printf("FAIL  customer entry over SIP: originate status %d, StasisStart %s, caller's cause %s%n",
                    status, sipStart, sipCause);
            failed++;
        }
        delete(http, auth, base + "/ari/channels/" + sipCaller);

        // 3. The vendor trunks, all at once.
        List<Long> starts = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String id = "smoke-" + run + "-" + i;
            EVENTS.put(id, new LinkedBlockingQueue<>());
            starts.add(System.nanoTime());
            statuses.add(post(http, auth, base + "/ari/channels?endpoint=" + enc(String.format(c.endpoint(), c.number()))
                    + "&app=" + enc(app) + "&channelId=" + id + "&timeout=30"));
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String id = "smoke-" + run + "-" + i;
            String what = c.label() + " [" + String.format(c.endpoint(), c.number()) + "]";
            if (statuses.get(i) != 200) {
                System.out.printf("FAIL  %s: originate answered HTTP %d%n", what, statuses.get(i));
                failed++;
                continue;
            }
            Ev stasis = null;
            Ev destroyed = null;
            Ev none = new Ev(0, "");
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline && destroyed == null) {
                Ev ev = EVENTS.get(id).poll(200, TimeUnit.MILLISECONDS);
                if (ev == null) continue;
                String type = group(TYPE, ev.json());
                if ("StasisStart".equals(type) && stasis == null) {
                    stasis = ev;
                    long answeredMs = ms(starts.get(i), ev.at());
                    if (c.expectCause() < 0 && answeredMs < c.minAnswerMs()) {
                        System.out.printf("FAIL  %s: answered after %d ms, expected >= %d ms%n", what, answeredMs, c.minAnswerMs());
                        failed++;
                        destroyed = none;
                        break;
                    }
                    if (c.hangUpOurselves()) {
                        System.out.printf("PASS  %s: answered (StasisStart) after %d ms%n", what, answeredMs);
                        passed++;
                        delete(http, auth, base + "/ari/channels/" + id);
                        destroyed = none;
                        break;
                    }
                } else if ("ChannelDestroyed".equals(type)) {
                    destroyed = ev;
                }
            }
            if (destroyed == null) {
                System.out.printf("FAIL  %s: no outcome within 15 s (answered: %s)%n", what, stasis != null);
                failed++;
                delete(http, auth, base + "/ari/channels/" + id);
            } else if (destroyed != none) {
                String causeText = group(CAUSE, destroyed.json());
                int cause = causeText == null ? -1 : Integer.parseInt(causeText);
                boolean answered = stasis != null;
                boolean ok = cause == c.expectCause() && (c.expectCause() != 16 || answered);
                System.out.printf("%s  %s: %scause %d after %d ms%n", ok ? "PASS" : "FAIL", what,
                        answered ? "answered after " + ms(starts.get(i), stasis.at()) + " ms, then " : "", cause,
                        ms(starts.get(i), destroyed.at()));
                if (ok) passed++; else failed++;
            }
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        System.out.printf("%d passed, %d failed%n", passed, failed);
        System.exit(failed == 0 ? 0 : 1);
    }

    private static Ev await(String id, String type, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            Ev ev = EVENTS.get(id).poll(200, TimeUnit.MILLISECONDS);
            if (ev != null && type.equals(group(TYPE, ev.json()))) return ev;
        }
        return null;
    }

    private static int post(HttpClient http, String auth, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) System.out.println("      POST " + url + " -> " + r.statusCode() + " " + r.body());
        return r.statusCode();
    }

    private static void delete(HttpClient http, String auth, String url) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(10)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static long ms(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1_000_000;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Reassembles text frames and hands each event to the queue of every smoke channel id (or text) it mentions. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buf = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                Ev ev = new Ev(System.nanoTime(), buf.toString());
                buf.setLength(0);
                for (Map.Entry<String, BlockingQueue<Ev>> e : EVENTS.entrySet()) {
                    if (ev.json().contains("\"id\":\"" + e.getKey() + "\"")) e.getValue().add(ev);
                }
                for (Map.Entry<String, BlockingQueue<Ev>> e : EVENTS_WITH.entrySet()) {
                    if (ev.json().contains(e.getKey())) e.getValue().add(ev);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
