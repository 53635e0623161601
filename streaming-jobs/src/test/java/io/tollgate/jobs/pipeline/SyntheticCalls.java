package io.tollgate.jobs.pipeline;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.CallEvent.Type;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.Charge;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.core.rating.Rater;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Calls as the routing agent reports them, with the ground truth of each: who called where, which vendor carried
 * it and for how long (to the millisecond), and what it owes, priced straight from the example decks with the
 * core {@link Rater}, so the pipeline's sums can be held against figures it did not compute.
 */
public final class SyntheticCalls {
    /** Destinations the example decks price, and the vendors whose decks cover them. */
    private static final List<String> NUMBERS = List.of("4420", "4477", "4930", "491512", "3314", "2811");
    private static final Map<String, List<String>> CARRIERS = Map.of(
            "4420", List.of("vendor-a", "vendor-b"), "4477", List.of("vendor-a", "vendor-b"),
            "4930", List.of("vendor-a", "vendor-c"), "491512", List.of("vendor-c"),
            "3314", List.of("vendor-b", "vendor-c"), "2811", List.of("vendor-a", "vendor-b", "vendor-c"));
    private static final Map<String, String> CUSTOMER_DECKS = Map.of("acme", "customers/wholesale-eur.csv",
            "globex", "customers/wholesale-usd.csv");

    /** What really happened, and what it owes; amounts are null when a deck cannot price the call. */
    public record Truth(String callId, String customer, String bNumber, Instant setup, String vendor,
                        BigDecimal durationS, BigDecimal revenue, BigDecimal cost) {
    }

    public record Call(Truth truth, List<CallEvent> events) {
    }

    private final Map<String, RateDeck> customerDecks = new HashMap<>();
    private final Map<String, RateDeck> vendorDecks = new HashMap<>();
    private final Random random;
    private final String runId;

    /** @param decks the repository's examples/decks */
    public SyntheticCalls(Path decks, long seed, String runId) throws Exception {
        for (var e : CUSTOMER_DECKS.entrySet()) {
            customerDecks.put(e.getKey(), read(decks.resolve(e.getValue())));
        }
        for (String v : List.of("vendor-a", "vendor-b", "vendor-c")) {
            vendorDecks.put(v, read(decks.resolve("vendors/" + v + ".csv")));
        }
        this.random = new Random(seed);
        this.runId = runId;
    }

    private static RateDeck read(Path file) throws Exception {
        return RateDeckCsv.read(file, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).deck();
    }

    /**
     * Call {@code no}, set up at {@code setup}: mostly answered (some after a failover), some busy, unanswered or
     * refused, and one in fifty to a destination no deck prices.
     */
    public Call call(long no, Instant setup) {
        String callId = runId + "-" + no;
        String customer = random.nextInt(4) == 0 ? "globex" : "acme";
        int roll = random.nextInt(100);
        String dest = roll < 2 ? "8190" : NUMBERS.get(random.nextInt(NUMBERS.size()));
        String bNumber = dest + String.format("%07d", random.nextInt(10_000_000));
        List<String> carriers = CARRIERS.getOrDefault(dest, List.of("vendor-a"));
        String vendor = carriers.get(random.nextInt(carriers.size()));
        Script s = new Script(callId, customer, bNumber, setup);
        s.add(Type.SETUP, callId, 0, null, null);
        long t = 5 + random.nextInt(20);
        BigDecimal duration = BigDecimal.ZERO;
        if (roll >= 2 && roll < 7) {
            s.add(Type.HANGUP, callId, t, null, 21);
            s.add(Type.END, callId, t + 3, null, 21);
            return new Call(truth(callId, customer, bNumber, setup, null, duration), s.events);
        }
        if (roll >= 7 && roll < 17) {
            // the first vendor is congested; the call goes to the next
            String first = callId + "-v1";
            s.add(Type.ATTEMPT, first, t, "vendor-z", null);
            s.add(Type.HANGUP, first, t += 80, "vendor-z", 34);
        }
        String leg = callId + "-v2";
        s.add(Type.ATTEMPT, leg, t += 10, vendor, null);
        s.add(Type.RINGING, leg, t += 300 + random.nextInt(4_000), vendor, null);
        if (roll < 85) {
            s.add(Type.ANSWER, leg, t += 500 + random.nextInt(9_000), vendor, null);
            long talk = 500 + (long) (random.nextDouble() * random.nextDouble() * 900_000);
            duration = BigDecimal.valueOf(talk).movePointLeft(3);
            s.add(Type.HANGUP, callId, t += talk, null, 16);
            s.add(Type.HANGUP, leg, t += 8, vendor, 16);
            s.add(Type.END, callId, t + 20, null, 16);
        } else {
            int cause = roll < 93 ? 17 : 19;
            s.add(Type.HANGUP, leg, t += 2_000, vendor, cause);
            s.add(Type.HANGUP, callId, t += 6, null, cause);
            s.add(Type.END, callId, t + 15, null, cause);
        }
        return new Call(truth(callId, customer, bNumber, setup, vendor, duration), s.events);
    }

    private Truth truth(String callId, String customer, String bNumber, Instant setup, String vendor,
                        BigDecimal duration) {
        Charge revenue = Rater.rate(customerDecks.get(customer), bNumber, setup, duration);
        Charge cost = vendor == null ? null : Rater.rate(vendorDecks.get(vendor), bNumber, setup, duration);
        return new Truth(callId, customer, bNumber, setup, vendor, duration,
                revenue.isRated() ? revenue.cost() : null,
                vendor == null ? BigDecimal.ZERO : cost.isRated() ? cost.cost() : null);
    }

    /** One call's events, numbered as the agent numbers them. */
    private static final class Script {
        private final String callId;
        private final String customer;
        private final String bNumber;
        private final Instant setup;
        private final List<CallEvent> events = new ArrayList<>();

        Script(String callId, String customer, String bNumber, Instant setup) {
            this.callId = callId;
            this.customer = customer;
            this.bNumber = bNumber;
            this.setup = setup;
        }

        void add(Type type, String leg, long atMs, String vendor, Integer cause) {
            events.add(new CallEvent(type, callId, leg, setup.plusMillis(atMs), customer, "4930123456", bNumber,
                    vendor, cause, "agent-synthetic", events.size()));
        }
    }
}
