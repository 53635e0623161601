package io.tollgate.core.routing;

import io.tollgate.core.numbers.PrefixTrie;

import java.time.Instant;

/**
 * Every prefix's route list during one stretch of time in which none of them changes, kept beside the trie of
 * plans by its slots: a lookup inside the stretch reads its list straight from here. The stretch runs from the
 * latest effective date at or before the time it was made for to the earliest one after it.
 */
final class Stretch {
    private final RouteList[] routes;
    /** Each list's size, apart from the list: read alongside the reference, not after it. */
    private final short[] sizes;
    private final long fromSecond;
    private final int fromNano;
    private final long untilSecond;
    private final int untilNano;

    private Stretch(RouteList[] routes, Instant from, Instant until) {
        this.routes = routes;
        this.sizes = new short[routes.length];
        for (int slot = 0; slot < routes.length; slot++) {
            sizes[slot] = (short) (routes[slot] == null ? 0 : routes[slot].size()); // vendors: at most Short.MAX_VALUE
        }
        this.fromSecond = from.getEpochSecond();
        this.fromNano = from.getNano();
        // Instant.MAX is far below Long.MAX_VALUE seconds: no time reaches an open end
        this.untilSecond = until == null ? Long.MAX_VALUE : until.getEpochSecond();
        this.untilNano = until == null ? 0 : until.getNano();
    }

    /** The stretch that holds {@code t}, over every prefix of {@code plans}. */
    static Stretch at(PrefixTrie<Object> plans, Instant t) {
        RouteList[] routes = new RouteList[plans.slots()];
        Instant from = Instant.MIN;
        Instant until = null;
        for (int slot = 0; slot < routes.length; slot++) {
            Object plan = plans.valueAt(slot);
            if (plan instanceof PrefixPlan p) {
                int i = p.stretchAt(t);
                routes[slot] = p.routes(i);
                from = later(from, p.start(i));
                if (i + 1 < p.stretches() && (until == null || p.start(i + 1).isBefore(until))) {
                    until = p.start(i + 1);
                }
            } else {
                routes[slot] = (RouteList) plan;
            }
        }
        return new Stretch(routes, from, until);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isBefore(b) ? b : a;
    }

    boolean holds(Instant t) {
        return !before(t, fromSecond, fromNano) && before(t, untilSecond, untilNano);
    }

    /** Whether the stretch is over at {@code t}. */
    boolean endsBy(Instant t) {
        return !before(t, untilSecond, untilNano);
    }

    RouteList routes(int slot) {
        return routes[slot];
    }

    int size(int slot) {
        return sizes[slot];
    }

    private static boolean before(Instant t, long second, int nano) {
        long s = t.getEpochSecond();
        return s < second || s == second && t.getNano() < nano;
    }
}
