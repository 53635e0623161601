package io.tollgate.agent;

import io.tollgate.core.instructions.VendorPriority;
import io.tollgate.core.routing.Route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Traders' steering on top of least cost: a vendor's priority moves it ahead of (lower) or behind (higher) the
 * others whatever its rate, and among the first vendors of equal priority and rate the weights share the first
 * attempts. A vendor without an instruction has priority 0 and weight 1; an instruction for the longest
 * matching prefix wins over one for all destinations.
 */
final class VendorPreferences {
    private final List<VendorPriority> priorities;
    private final RandomGenerator random;

    VendorPreferences(List<VendorPriority> priorities, RandomGenerator random) {
        this.priorities = priorities;
        this.random = random;
    }

    List<Route> order(List<Route> leastCost, String number) {
        if (priorities.isEmpty() || leastCost.size() < 2) {
            return leastCost;
        }
        List<Route> routes = new ArrayList<>(leastCost);
        // a stable sort keeps rate order (then vendor id) within a priority
        routes.sort(Comparator.comparingInt(r -> preference(r.vendor(), number).priority()));
        return firstByWeight(routes, number);
    }

    private List<Route> firstByWeight(List<Route> routes, String number) {
        int group = 1;
        Route head = routes.get(0);
        int headPriority = preference(head.vendor(), number).priority();
        while (group < routes.size() && routes.get(group).rate().compareTo(head.rate()) == 0
                && preference(routes.get(group).vendor(), number).priority() == headPriority) {
            group++;
        }
        long total = 0;
        for (int i = 0; i < group; i++) {
            total += preference(routes.get(i).vendor(), number).weight();
        }
        if (total == 0) {
            return routes;
        }
        long pick = random.nextLong(total);
        for (int i = 0; i < group; i++) {
            pick -= preference(routes.get(i).vendor(), number).weight();
            if (pick < 0) {
                routes.add(0, routes.remove(i));
                break;
            }
        }
        return routes;
    }

    private Preference preference(String vendor, String number) {
        VendorPriority best = null;
        for (VendorPriority p : priorities) {
            if (p.vendor().equals(vendor) && (p.prefix() == null || number.startsWith(p.prefix()))
                    && (best == null || length(p) > length(best))) {
                best = p;
            }
        }
        return best == null ? Preference.NONE : new Preference(best.priority(), best.weight());
    }

    private static int length(VendorPriority p) {
        return p.prefix() == null ? -1 : p.prefix().length();
    }

    private record Preference(int priority, int weight) {
        static final Preference NONE = new Preference(0, 1);
    }
}
