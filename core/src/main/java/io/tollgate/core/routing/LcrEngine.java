package io.tollgate.core.routing;

import io.tollgate.core.numbers.PrefixTrie;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
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
    /** Per prefix, its route list when its routes never change, else a {@link Plan} of stretches. */
    private final PrefixTrie<Object> plans;

    private LcrEngine(String[] vendors, PrefixTrie<Object> plans) {
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

    /**
     * The routes for {@code request}, in route order; an unmodifiable list, shared with other lookups when nothing
     * is filtered out, so a lookup without blocks allocates next to nothing.
     */
    public List<Route> routes(RouteRequest request) {
        Object plan = plans.longestMatch(request.number());
        if (plan == null) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Route> all = plan instanceof Plan stretches ? stretches.at(request.at()) : (List<Route>) plan;
        BigDecimal cap = request.allowLoss() ? null : request.maxRate();
        int end = cap == null ? all.size() : affordable(all, cap);
        int limit = request.limit() == 0 ? Integer.MAX_VALUE : request.limit();
        if (request.blocks().isEmpty()) {
            int n = Math.min(end, limit);
            return n == all.size() ? all : all.subList(0, n);
        }
        List<Route> routes = new ArrayList<>(Math.min(end, limit));
        for (int i = 0; i < end && routes.size() < limit; i++) {
            if (!request.blocked(all.get(i).vendor())) {
                routes.add(all.get(i));
            }
        }
        return Collections.unmodifiableList(routes);
    }

    /** How many of {@code routes} (sorted by rate) cost at most {@code cap}. */
    private static int affordable(List<Route> routes, BigDecimal cap) {
        int low = 0;
        int high = routes.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (routes.get(mid).rate().compareTo(cap) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    public List<String> vendors() {
        return List.of(vendors);
    }

    /**
     * The routes of one prefix over time: stretch i begins at {@code starts[i]} (stretch 0 at the beginning of
     * time), and within a stretch every vendor's row is the same; {@code routes[i]} is its route list, sorted by
     * rate then vendor id. Route objects are made once and shared by every prefix they serve, so a lookup copies
     * references and visits few places in memory.
     */
    record Plan(Instant[] starts, List<List<Route>> routes) {

        List<Route> at(Instant t) {
            int i = Arrays.binarySearch(starts, t);
            return routes.get(i >= 0 ? i : -i - 2);
        }
    }

    /** Works out every prefix's plan from the vendors' decks. */
    private static final class PlanBuilder {
        /** One vendor's versions of one prefix and, below it, those of the next shorter prefix it has. */
        private record Chain(RateRow[] versions, Chain shorter) {
        }

        private final String[] vendors;
        /** Per vendor (decks may share row objects), the one Route made for each of its rows. */
        private final List<Map<RateRow, Route>> routeOf = new ArrayList<>();

        private PlanBuilder(String[] vendors) {
            this.vendors = vendors;
            for (String ignored : vendors) {
                routeOf.add(new IdentityHashMap<>());
            }
        }

        static PrefixTrie<Object> build(String[] vendors, Map<String, RateDeck> decks) {
            return new PlanBuilder(vendors).plans(decks);
        }

        private PrefixTrie<Object> plans(Map<String, RateDeck> decks) {
            TreeMap<String, Chain[]> own = new TreeMap<>();
            for (int v = 0; v < vendors.length; v++) {
                for (RateRow row : decks.get(vendors[v]).rows()) {
                    Chain[] at = own.computeIfAbsent(row.prefix(), p -> new Chain[vendors.length]);
                    if (at[v] == null) {
                        at[v] = new Chain(decks.get(vendors[v]).versionsOf(row.prefix()).toArray(new RateRow[0]), null);
                    }
                }
            }
            PrefixTrie<Object> plans = new PrefixTrie<>();
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

        private Object plan(Chain[] chains) {
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
            List<List<Route>> routes = new ArrayList<>(starts.length);
            for (Instant start : starts) {
                routes.add(stretch(chains, start));
            }
            // most prefixes have one stretch: storing its list bare saves each lookup trips to memory
            return routes.size() == 1 ? routes.get(0) : new Plan(starts, List.copyOf(routes));
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

        /** The routes at {@code t}, in route order. */
        private List<Route> stretch(Chain[] chains, Instant t) {
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
            return found.stream().map(v -> route(v, best[v])).toList();
        }

        private Route route(int vendor, RateRow row) {
            return routeOf.get(vendor).computeIfAbsent(row, r -> new Route(vendors[vendor], r));
        }
    }
}
