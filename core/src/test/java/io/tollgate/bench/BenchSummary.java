package io.tollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a JMH JSON result file (-rf json) and prints targets 1 and 2 against their baselines from the same run.
 *
 * <p>Usage: {@code BenchSummary RESULT.json}.
 */
public final class BenchSummary {
    private static final double LCR_P99_NS = 1_000;
    private static final double LCR_SPEEDUP = 100;
    private static final double RATER_OPS = 2_000_000;

    public static void main(String[] args) throws IOException {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (JsonNode result : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            String name = result.get("benchmark").asText();
            results.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), result);
        }
        JsonNode lcr = results.get("LcrBench.lcr");
        JsonNode naive = results.get("LcrBench.naiveScan");
        if (lcr != null) {
            System.out.printf("Target 1 - LCR, %s vendors x %s prefixes (SampleTime, ns per lookup)%n",
                    lcr.path("params").path("vendors").asText("?"), lcr.path("params").path("prefixes").asText("?"));
            latency("LcrEngine.routes", lcr);
            if (naive != null) {
                latency("naive scan", naive);
                double speedup = score(naive) / score(lcr);
                double speedupP50 = percentile(naive, "50.0") / percentile(lcr, "50.0");
                System.out.printf("  p99 <= 1 us: %s (p99 %.0f ns)%n", verdict(percentile(lcr, "99.0") <= LCR_P99_NS),
                        percentile(lcr, "99.0"));
                System.out.printf("  >= 100x naive: %s (mean %.0fx, median %.0fx)%n", verdict(speedup >= LCR_SPEEDUP),
                        speedup, speedupP50);
            }
        }
        String[][] rater = {{"RaterBench.formula", "RaterBench.formulaNaive"}, {"RaterBench.rate", "RaterBench.rateNaive"}};
        if (results.containsKey(rater[0][0]) || results.containsKey(rater[1][0])) {
            JsonNode any = results.getOrDefault(rater[0][0], results.get(rater[1][0]));
            System.out.printf("Target 2 - pure rater, deck of %s prefixes, 1 thread (Throughput, calls/s)%n",
                    any.path("params").path("prefixes").asText("?"));
        }
        for (String[] pair : rater) {
            JsonNode ours = results.get(pair[0]);
            JsonNode base = results.get(pair[1]);
            if (ours == null) {
                continue;
            }
            throughput(pair[0], ours);
            if (base != null) {
                throughput(pair[1], base);
            }
            System.out.printf("  %s >= 2M calls/s: %s%s%n", pair[0], verdict(score(ours) >= RATER_OPS),
                    base == null ? "" : String.format(" (%.1fx the naive baseline)", score(ours) / score(base)));
        }
    }

    private static void latency(String label, JsonNode result) {
        System.out.printf("  %-22s mean %,12.0f  p50 %,12.0f  p90 %,12.0f  p99 %,12.0f  p99.9 %,12.0f  max %,12.0f"
                        + "  (n=%d)%s%n", label, score(result), percentile(result, "50.0"), percentile(result, "90.0"),
                percentile(result, "99.0"), percentile(result, "99.9"), percentile(result, "100.0"),
                samples(result), allocation(result));
    }

    private static void throughput(String label, JsonNode result) {
        System.out.printf("  %-24s %,14.0f  +- %,12.0f%s%n", label, score(result),
                result.get("primaryMetric").get("scoreError").asDouble(), allocation(result));
    }

    private static double score(JsonNode result) {
        return result.get("primaryMetric").get("score").asDouble();
    }

    private static double percentile(JsonNode result, String p) {
        return result.get("primaryMetric").get("scorePercentiles").get(p).asDouble();
    }

    private static long samples(JsonNode result) {
        long n = 0;
        for (JsonNode fork : result.get("primaryMetric").get("rawDataHistogram")) {
            for (JsonNode iteration : fork) {
                for (JsonNode bucket : iteration) {
                    n += bucket.get(1).asLong();
                }
            }
        }
        return n;
    }

    private static String allocation(JsonNode result) {
        JsonNode norm = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
        return norm.isMissingNode() ? "" : String.format("  alloc %,.0f B/op", norm.get("score").asDouble());
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    private BenchSummary() {
    }
}
