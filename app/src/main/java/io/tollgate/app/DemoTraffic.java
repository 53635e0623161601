package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.DeckRef;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.config.Vendor;
import io.tollgate.sim.traffic.FraudScenario;
import io.tollgate.sim.traffic.NumberMix;
import io.tollgate.sim.traffic.Pricing;
import io.tollgate.sim.traffic.Source;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Who calls what during the demo: each customer the switch can reach places ordinary traffic within its limits, and
 * two attacks start a while in, an IRSF burst from the first customer and a wangiri run from the second, each at a
 * rate its customer's limits let through, so that it is the fraud job that stops it and not a limit.
 */
final class DemoTraffic {
    /** The caller endpoint of the default customer line, on the simulator and on the local stack's Asterisk. */
    private static final String STACK_CUSTOMER_ENDPOINT = "customer";
    private static final NumberMix ORDINARY = mix();

    /**
     * A wholesale hour: the test range's outcomes (answered with short talks, busy, congested, unallocated, no
     * answer) and, for two calls in five, real destinations of the example decks, which the simulated vendors (and
     * the local stack's) answer and hold for their talk time.
     */
    private static NumberMix mix() {
        List<NumberMix.Share> shares = new ArrayList<>(NumberMix.ordinary(List.of(5, 10, 15)).shares());
        int testRange = shares.stream().mapToInt(NumberMix.Share::weight).sum();
        shares.add(new NumberMix.Share("london", "4420", testRange / 6));
        shares.add(new NumberMix.Share("uk-mobile", "447911", testRange / 6));
        shares.add(new NumberMix.Share("berlin", "4930", testRange * 2 / 15));
        shares.add(new NumberMix.Share("de-mobile", "4915", testRange / 10));
        shares.add(new NumberMix.Share("paris", "331", testRange / 10));
        return new NumberMix(shares);
    }

    /** One customer's line into the switch: its endpoint there and the caller endpoint that places its calls. */
    record Line(Customer customer, String endpoint, String callerEndpoint) {
    }

    /** An attack of the run: the scenario, whose calls, and when it starts. */
    record Attack(FraudScenario scenario, Line line, Duration at, double cps) {
    }

    private final List<Line> lines;
    private final List<Attack> attacks;
    private final double cps;
    private final Duration length;

    private DemoTraffic(List<Line> lines, List<Attack> attacks, double cps, Duration length) {
        this.lines = lines;
        this.attacks = attacks;
        this.cps = cps;
        this.length = length;
    }

    /**
     * The plan for {@code config}'s customers: on the simulator every customer with an endpoint (a line each), on the
     * local stack's Asterisk only the customer of its one customer endpoint.
     */
    static DemoTraffic plan(TollgateConfig config, boolean asterisk, double cps, Duration length, Duration attackAt)
            throws BadInputException {
        List<Line> lines = new ArrayList<>();
        for (Customer c : config.customers()) {
            for (String endpoint : c.endpoints()) {
                if (endpoint.equals(STACK_CUSTOMER_ENDPOINT)) {
                    lines.add(0, new Line(c, endpoint, "caller"));
                } else if (!asterisk) {
                    lines.add(new Line(c, endpoint, "caller-" + endpoint));
                }
            }
        }
        if (lines.isEmpty()) {
            throw Options.bad("--config", config.source() + " has no customer with an endpoint the demo's switch"
                    + " serves" + (asterisk ? " (the local Asterisk's is '" + STACK_CUSTOMER_ENDPOINT + "')" : ""));
        }
        Line first = lines.get(0);
        Line second = lines.size() > 1 ? lines.get(1) : first;
        List<Attack> attacks = List.of(
                new Attack(FraudScenario.IRSF, first, attackAt, Math.min(2, first.customer().limits().cps() / 2.0)),
                new Attack(FraudScenario.WANGIRI, second, attackAt.plusSeconds(20),
                        Math.min(3, second.customer().limits().cps() / 2.0)));
        return new DemoTraffic(List.copyOf(lines), attacks, cps, length);
    }

    List<Line> lines() {
        return lines;
    }

    List<Attack> attacks() {
        return attacks;
    }

    /** Calls at once the run stays under: what the customers' limits allow together. */
    int concurrency() {
        return lines.stream().mapToInt(l -> l.customer().limits().concurrentCalls()).sum();
    }

    /** The ordinary traffic spread over the lines (none above half its customer's cps limit), then the attacks. */
    List<Source> sources(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Source> sources = new ArrayList<>();
        for (Line line : lines) {
            double rate = Math.min(cps / lines.size(), line.customer().limits().cps() / 2.0);
            SplittableRandom own = random.split();
            sources.add(new Source("normal", line.customer().id(), line.callerEndpoint(), rate, Duration.ZERO,
                    length, n -> ORDINARY.next(own)));
        }
        for (Attack a : attacks) {
            if (a.at().compareTo(length) < 0) {
                sources.add(a.scenario().source(a.line().customer().id(), a.line().callerEndpoint(), a.at(),
                        random.split(), a.cps()));
            }
        }
        return sources;
    }

    /**
     * Who owes what for each call, worked out from the decks alone (not by the agent or the jobs), for the ground
     * truth; null when a deck is not a file (a deck-store id cannot be read without ClickHouse's history).
     */
    static Pricing pricing(TollgateConfig config) throws BadInputException, IOException {
        Map<String, RateDeck> customers = new LinkedHashMap<>();
        for (Customer c : config.customers()) {
            RateDeck deck = read(c.deck());
            if (deck == null) {
                return null;
            }
            customers.put(c.id(), deck);
        }
        Map<String, RateDeck> vendors = new LinkedHashMap<>();
        for (Vendor v : config.vendors()) {
            RateDeck deck = read(v.deck());
            if (deck == null) {
                return null;
            }
            vendors.put(v.id(), deck);
        }
        return new Pricing(customers, vendors, config.vendors().stream().map(Vendor::id).toList());
    }

    static RateDeck read(DeckRef ref) throws BadInputException, IOException {
        return ref instanceof DeckRef.DeckFile f
                ? RateDeckCsv.read(f.path(), Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).deck() : null;
    }
}
