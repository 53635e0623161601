package io.tollgate.core.routing;

import io.tollgate.core.numbers.PrefixTrie;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Least-cost routing over the vendors' decks.
 *
 * <p>For a number at a time: per vendor, the longest-prefix row effective then; candidates by rate ascending, ties
 * by vendor id; blocked vendors and destinations left out; vendors above the maximum rate left out unless loss
 * routes are allowed; at most {@code limit} routes.
 *
 * <p>All vendors' prefixes share one trie, so a lookup walks the number's digits once whatever the number of
 * vendors, instead of once per vendor. Immutable: build a new engine when a deck changes and swap it in.
 */
public final class LcrEngine {
    private static final Comparator<Route> ROUTE_ORDER =
            Comparator.comparing(Route::rate).thenComparing(Route::vendor);

    /** One vendor's versions of one prefix. */
    private record VendorRows(int vendor, RateRow[] versions) {
    }

    private final String[] vendors;
    private final PrefixTrie<VendorRows[]> index;

    private LcrEngine(String[] vendors, PrefixTrie<VendorRows[]> index) {
        this.vendors = vendors;
        this.index = index;
    }

    /** @param decks one deck per vendor id */
    public static LcrEngine of(Map<String, RateDeck> decks) {
        String[] vendors = new TreeMap<>(decks).keySet().toArray(new String[0]);
        PrefixTrie<VendorRows[]> index = new PrefixTrie<>();
        for (int v = 0; v < vendors.length; v++) {
            RateDeck deck = decks.get(vendors[v]);
            for (RateRow row : deck.rows()) {
                if (index.get(row.prefix()) == null || !hasVendor(index.get(row.prefix()), v)) {
                    VendorRows rows = new VendorRows(v, deck.versionsOf(row.prefix()).toArray(new RateRow[0]));
                    index.put(row.prefix(), new VendorRows[] {rows}, LcrEngine::concat);
                }
            }
        }
        index.trim();
        return new LcrEngine(vendors, index);
    }

    /** The routes for {@code request}, in route order. */
    public List<Route> routes(RouteRequest request) {
        RateRow[] best = new RateRow[vendors.length];
        Object[] matches = new Object[request.number().length() + 1];
        int n = index.prefixesOf(request.number(), matches);
        // shortest prefix first, so a longer effective prefix overwrites a shorter one
        for (int i = 0; i < n; i++) {
            for (VendorRows rows : (VendorRows[]) matches[i]) {
                RateRow row = RateDeck.effective(rows.versions, request.at());
                if (row != null) {
                    best[rows.vendor] = row;
                }
            }
        }
        List<Route> routes = new ArrayList<>(vendors.length);
        for (int v = 0; v < vendors.length; v++) {
            RateRow row = best[v];
            if (row != null && !request.tooExpensive(row.rate()) && !request.blocked(vendors[v])) {
                routes.add(new Route(vendors[v], row));
            }
        }
        routes.sort(ROUTE_ORDER);
        return request.limit() > 0 && routes.size() > request.limit() ? routes.subList(0, request.limit()) : routes;
    }

    public List<String> vendors() {
        return List.of(vendors);
    }

    private static boolean hasVendor(VendorRows[] rows, int vendor) {
        for (VendorRows r : rows) {
            if (r.vendor == vendor) {
                return true;
            }
        }
        return false;
    }

    private static VendorRows[] concat(VendorRows[] a, VendorRows[] b) {
        VendorRows[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
