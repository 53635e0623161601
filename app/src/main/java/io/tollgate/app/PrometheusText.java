package io.tollgate.app;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Reads figures out of a Prometheus text exposition (the agent's /metrics). */
final class PrometheusText {
    private final List<String> lines;

    PrometheusText(String text) {
        this.lines = text.lines().filter(l -> !l.startsWith("#")).toList();
    }

    /** The sum of every series of {@code name} whose labels contain all of {@code labels} ({@code k="v"} each). */
    double sum(String name, String... labels) {
        double total = 0;
        for (String line : lines) {
            if (matches(line, name, labels)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /**
     * The {@code q} quantile of histogram {@code name} (seconds), from its cumulative buckets: the upper bound of
     * the first bucket holding that share of observations; NaN without observations.
     */
    double quantile(String name, double q) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : lines) {
            if (line.startsWith(name + "_bucket{")) {
                int le = line.indexOf("le=\"") + 4;
                String bound = line.substring(le, line.indexOf('"', le));
                double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                buckets.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        if (buckets.isEmpty() || buckets.lastEntry().getValue() == 0) {
            return Double.NaN;
        }
        double wanted = q * buckets.lastEntry().getValue();
        List<Double> bounds = new ArrayList<>(buckets.keySet());
        for (double bound : bounds) {
            if (buckets.get(bound) >= wanted) {
                return bound;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static boolean matches(String line, String name, String... labels) {
        if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
            return false;
        }
        for (String label : labels) {
            if (!line.contains(label)) {
                return false;
            }
        }
        return true;
    }
}
