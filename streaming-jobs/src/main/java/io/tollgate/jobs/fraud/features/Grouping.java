package io.tollgate.jobs.fraud.features;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/** The tallies of one observation: the customer's, one per destination and one per number range, in key order. */
final class Grouping {
    final Span span;
    final Tally customer = new Tally();
    final TreeMap<String, Tally> destinations = new TreeMap<>();
    final TreeMap<String, Tally> ranges = new TreeMap<>();
    final Set<String> highRisk = new HashSet<>();

    Grouping(Span span) {
        this.span = span;
    }

    /** Counts a call into its groups; {@code where} is null for a number that did not normalise. */
    void add(CallEntry e, Where where) {
        if (!customer.add(e, span) || where == null) {
            return;
        }
        destinations.computeIfAbsent(where.destination(), d -> new Tally()).add(e, span);
        if (where.highRisk()) {
            highRisk.add(where.destination());
        }
        if (where.range() != null) {
            ranges.computeIfAbsent(where.range(), r -> new Tally()).add(e, span);
        }
    }
}
