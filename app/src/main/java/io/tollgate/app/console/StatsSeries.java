package io.tollgate.app.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what ClickHouse counts per point of a {@link StatsWindow} into dense series (every point present, zero when
 * nothing happened), the shapes the dashboard's charts read.
 */
final class StatsSeries {
    private StatsSeries() {
    }

    /**
     * One point of the traffic series.
     *
     * @param t          the point's start, ISO-8601 UTC
     * @param calls      calls set up in the point
     * @param answered   of which answered
     * @param cps        calls set up per second over the point (3 decimals)
     * @param concurrent calls up at the point's end: set up at or before it and not yet ended
     * @param asr        answered / calls × 100, 2 decimals; null when no call was set up
     */
    record TrafficPoint(String t, long calls, long answered, double cps, long concurrent, Double asr) {
    }

    /** Calls set up in point {@code point}: how many, how many answered. */
    record Started(int point, long calls, long answered) {
    }

    /**
     * Calls grouped by when they come up and go down, as step counts from {@code from} rounded up
     * ({@link #stepsUp}): a call is up at the end of points {@code max(up - 1, 0)} up to but excluding
     * {@code down - 1}; {@code down} is -1 when it is still up at {@code to}.
     */
    record Span(long up, long down, long calls) {
    }

    /** A customer's money in one point, in its currency. */
    record Money(int point, String customer, String currency, BigDecimal revenue, BigDecimal cost,
                 BigDecimal margin) {
    }

    /** @param t the point's start, ISO-8601 UTC */
    record MarginPoint(String t, BigDecimal revenue, BigDecimal cost, BigDecimal margin) {
    }

    /** One customer's margin series, in the customer's currency. */
    record MarginSeries(String customer, String currency, List<MarginPoint> points) {
    }

    /** Steps of {@code stepMillis} from {@code fromMillis} to {@code atMillis}, rounded up, never below 0: what the SQL computes. */
    static long stepsUp(long atMillis, long fromMillis, long stepMillis) {
        return (Math.max(atMillis - fromMillis, 0) + stepMillis - 1) / stepMillis;
    }

    static List<TrafficPoint> traffic(StatsWindow window, List<Started> started, List<Span> spans) {
        int n = window.points();
        long[] calls = new long[n];
        long[] answered = new long[n];
        for (Started s : started) {
            if (s.point() >= 0 && s.point() < n) {
                calls[s.point()] += s.calls();
                answered[s.point()] += s.answered();
            }
        }
        long[] delta = new long[n + 1];
        for (Span s : spans) {
            int first = (int) Math.max(s.up() - 1, 0);
            int last = s.down() < 0 ? n : (int) Math.min(s.down() - 1, n);
            if (first < last) {
                delta[first] += s.calls();
                delta[last] -= s.calls();
            }
        }
        List<TrafficPoint> points = new ArrayList<>(n);
        long up = 0;
        for (int i = 0; i < n; i++) {
            up += delta[i];
            Double asr = calls[i] == 0 ? null : BigDecimal.valueOf(answered[i] * 100)
                    .divide(BigDecimal.valueOf(calls[i]), 2, RoundingMode.HALF_UP).doubleValue();
            double cps = BigDecimal.valueOf(calls[i]).divide(BigDecimal.valueOf(window.seconds(i)), 3,
                    RoundingMode.HALF_UP).doubleValue();
            points.add(new TrafficPoint(window.start(i).toString(), calls[i], answered[i], cps, up, asr));
        }
        return points;
    }

    /** One dense series per customer and currency, ordered by customer, zero where the customer had no calls. */
    static List<MarginSeries> margin(StatsWindow window, List<Money> money) {
        int n = window.points();
        Map<List<String>, BigDecimal[][]> byCustomer = new java.util.TreeMap<>(
                (a, b) -> a.get(0).equals(b.get(0)) ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
        for (Money m : money) {
            if (m.point() < 0 || m.point() >= n) {
                continue;
            }
            BigDecimal[][] sums = byCustomer.computeIfAbsent(List.of(m.customer(), m.currency()), k -> zeros(n));
            sums[0][m.point()] = sums[0][m.point()].add(m.revenue());
            sums[1][m.point()] = sums[1][m.point()].add(m.cost());
            sums[2][m.point()] = sums[2][m.point()].add(m.margin());
        }
        List<MarginSeries> series = new ArrayList<>();
        for (Map.Entry<List<String>, BigDecimal[][]> e : byCustomer.entrySet()) {
            BigDecimal[][] sums = e.getValue();
            List<MarginPoint> points = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                points.add(new MarginPoint(window.start(i).toString(), money(sums[0][i]), money(sums[1][i]),
                        money(sums[2][i])));
            }
            series.add(new MarginSeries(e.getKey().get(0), e.getKey().get(1), points));
        }
        return series;
    }

    /** Money for a chart: 6 decimals as rated_cdrs keeps them, trailing zeros dropped. */
    private static BigDecimal money(BigDecimal amount) {
        BigDecimal stripped = amount.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static BigDecimal[][] zeros(int n) {
        BigDecimal[][] sums = new BigDecimal[3][n];
        for (BigDecimal[] row : sums) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        return sums;
    }

    /** The traffic answer: the window and its points. */
    static Map<String, Object> trafficJson(StatsWindow window, String customer, List<TrafficPoint> points) {
        Map<String, Object> json = windowJson(window);
        json.put("customer", customer);
        json.put("points", points);
        return json;
    }

    /** The margin answer: the window and one series per customer. */
    static Map<String, Object> marginJson(StatsWindow window, String customer, List<MarginSeries> series) {
        Map<String, Object> json = windowJson(window);
        json.put("customer", customer);
        json.put("series", series);
        return json;
    }

    private static Map<String, Object> windowJson(StatsWindow window) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", window.from().toString());
        json.put("to", window.to().toString());
        json.put("step", window.stepLabel());
        json.put("stepSeconds", window.step().toSeconds());
        return json;
    }
}
