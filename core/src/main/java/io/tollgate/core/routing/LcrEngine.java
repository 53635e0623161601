package io.tollgate.core.routing;

import io.tollgate.core.numbers.PrefixTrie;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Least-cost routing over the vendors' decks.
 *
 * <p>For a number at a time: per vendor, the longest-prefix row effective then; candidates by rate ascending, ties
 * by vendor id; blocked vendors and destinations left out; vendors above the maximum rate left out unless loss
 * routes are allowed; at most {@code limit} routes.
 *
 * <p>The whole answer is worked out when the engine is built, not per call: for every prefix that any vendor
 * prices, the route list for each stretch of time between two effective dates, already sorted. A lookup then
 * walks the number's digits once, picks the stretch that holds the call's time, and reads the list, skipping
 * what is blocked or too dear. Building costs a second or two for 20 decks of 100k prefixes; lookups stay well
 * under a microsecond whatever the number of vendors. Immutable: build a new engine when a deck changes.
 */
public final class LcrEngine {
    private final String[] vendors;
    private final PrefixTrie<Plan> plans;

    private LcrEngine(String[] vendors, PrefixTrie<Plan> plans) {
        this.vendors = vendors;
        this.plans = plans;
    }

    /** @param decks one deck per vendor id */
    public static LcrEngine of(Map<String, RateDeck> decks) {
        String[] vendors = new TreeMap<>(decks).keySet().toArray(new String[0]);
        if (vendors.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException(vendors.length + " vendors; at most " + Short.MAX_VALUE + " are supported");
        }
        return new LcrEngine(vendors, PlanBuilder.build(vendors, decks));
    }

    /** The routes for {@code request}, in route order. */
    public List<Route> routes(RouteRequest request) {
        Plan plan = plans.longestMatch(request.number());
        if (plan == null) {
            return List.of();
        }
        int stretch = plan.at(request.at());
        RateRow[] rows = plan.rows()[stretch];
        short[] vendorOf = plan.vendors()[stretch];
        // read a row's rate only when there is a cap: the rows sit all over the heap, and touching them is
        // what a lookup would otherwise spend most of its time on
        BigDecimal cap = request.allowLoss() ? null : request.maxRate();
        int limit = request.limit() == 0 ? Integer.MAX_VALUE : request.limit();
        List<Route> routes = new ArrayList<>(Math.min(limit, rows.length));
        for (int i = 0; i < rows.length && routes.size() < limit; i++) {
            if (cap != null && rows[i].rate().compareTo(cap) > 0) {
                break; // sorted by rate: every later one is dearer still
            }
            String vendor = vendors[vendorOf[i]];
            if (!request.blocked(vendor)) {
                routes.add(new Route(vendor, rows[i]));
            }
        }
        return routes;
    }

    public List<String> vendors() {
        return List.of(vendors);
    }

    /**
     * The routes of one prefix over time: stretch i begins at {@code starts[i]} (stretch 0 at the beginning of
     * time), and within a stretch every vendor's row is the same. {@code rows[i]} are its routes sorted by rate then
     * vendor id, {@code vendors[i][j]} the index of the vendor of {@code rows[i][j]}. Arrays rather than objects
     * per stretch: fewer places in memory for a lookup to visit.
     */
    record Plan(Instant[] starts, RateRow[][] rows, short[][] vendors) {

        int at(Instant t) {
            if (starts.length == 1) {
                return 0;
            }
            int i = Arrays.binarySearch(starts, t);
            return i >= 0 ? i : -i - 2;
        }
    }

    /** Works out every prefix's plan from the vendors' decks. */
    private static final class PlanBuilder {
        /** One vendor's versions of one prefix and, below it, those of the next shorter prefix it has. */
        private record Chain(RateRow[] versions, Chain shorter) {
        }

        private PlanBuilder() {
        }

        static PrefixTrie<Plan> build(String[] vendors, Map<String, RateDeck> decks) {
            TreeMap<String, Chain[]> own = new TreeMap<>();
            for (int v = 0; v < vendors.length; v++) {
                for (RateRow row : decks.get(vendors[v]).rows()) {
                    Chain[] at = own.computeIfAbsent(row.prefix(), p -> new Chain[vendors.length]);
                    if (at[v] == null) {
                        at[v] = new Chain(decks.get(vendors[v]).versionsOf(row.prefix()).toArray(new RateRow[0]), null);
                    }
                }
            }
            PrefixTrie<Plan> plans = new PrefixTrie<>();
            // Sorted prefixes visit a prefix before its extensions, so a stack holds the chains of the ancestors.
            List<Map.Entry<String, Chain[]>> ancestors = new ArrayList<>();
            for (Map.Entry<String, Chain[]> entry : own.entrySet()) {
                while (!ancestors.isEmpty() && !entry.getKey().startsWith(ancestors.get(ancestors.size() - 1).getKey())) {
                    ancestors.remove(ancestors.size() - 1);
                }
                Chain[] inherited = ancestors.isEmpty() ? new Chain[vendors.length] : ancestors.get(ancestors.size() - 1).getValue();
                Chain[] chains = inherited.clone();
                for (int v = 0; v < vendors.length; v++) {
                    if (entry.getValue()[v] != null) {
                        chains[v] = new Chain(entry.getValue()[v].versions(), inherited[v]);
                    }
                }
                ancestors.add(Map.entry(entry.getKey(), chains));
                plans.put(entry.getKey(), plan(chains), (a, b) -> b);
            }
            plans.trim();
            return plans;
        }

        private static Plan plan(Chain[] chains) {
            TreeSet<Instant> boundaries = new TreeSet<>();
            for (Chain chain : chains) {
                collectBoundaries(chain, boundaries);
            }
            Instant[] starts = new Instant[boundaries.size() + 1];
            starts[0] = Instant.MIN;
            int i = 1;
            for (Instant b : boundaries) {
                starts[i++] = b;
            }
            RateRow[][] rows = new RateRow[starts.length][];
            short[][] vendors = new short[starts.length][];
            for (int s = 0; s < starts.length; s++) {
                List<Integer> order = stretch(chains, starts[s], rows, s);
                vendors[s] = new short[order.size()];
                for (int j = 0; j < vendors[s].length; j++) {
                    vendors[s][j] = (short) (int) order.get(j);
                }
            }
            return new Plan(starts, rows, vendors);
        }

        /** The dates where a vendor's answer can change; shorter prefixes matter only until a row that always applies. */
        private static void collectBoundaries(Chain chain, TreeSet<Instant> boundaries) {
            for (Chain c = chain; c != null; c = c.shorter()) {
                boolean always = false;
                for (RateRow row : c.versions()) {
                    if (row.effectiveFrom() != null) {
                        boundaries.add(row.effectiveFrom());
                    }
                    if (row.effectiveTo() != null) {
                        boundaries.add(row.effectiveTo());
                    }
                    always |= row.effectiveFrom() == null && row.effectiveTo() == null;
                }
                if (always) {
                    return;
                }
            }
        }

        /** Fills {@code rows[s]} with the routes at {@code t}, in route order, and returns their vendor indexes. */
        private static List<Integer> stretch(Chain[] chains, Instant t, RateRow[][] rows, int s) {
            List<Integer> found = new ArrayList<>(chains.length);
            RateRow[] best = new RateRow[chains.length];
            for (int v = 0; v < chains.length; v++) {
                for (Chain c = chains[v]; c != null && best[v] == null; c = c.shorter()) {
                    best[v] = RateDeck.effective(c.versions(), t);
                }
                if (best[v] != null) {
                    found.add(v);
                }
            }
            // vendor indexes follow vendor ids in ascending order, so the index breaks rate ties correctly
            found.sort((a, b) -> {
                int byRate = best[a].rate().compareTo(best[b].rate());
                return byRate != 0 ? byRate : Integer.compare(a, b);
            });
            rows[s] = found.stream().map(v -> best[v]).toArray(RateRow[]::new);
            return found;
        }
    }
}
