package io.tollgate.app.console;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.tollgate.app.console.FinanceInputTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;

/** The statistics' time axis and series, checked against counting each call by hand. */
class StatsSeriesTest {
    private static final Instant FROM = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aWindowIsCutIntoStepsFromItsStartTheLastPossiblyShort() {
        StatsWindow w = StatsWindow.of("2026-03-01T10:00:00Z", "2026-03-01T10:02:30Z", "1m",
                StatsWindow.TRAFFIC_STEPS);

        assertThat(w.points()).isEqualTo(3);
        assertThat(w.start(2)).isEqualTo(Instant.parse("2026-03-01T10:02:00Z"));
        assertThat(w.end(2)).isEqualTo(Instant.parse("2026-03-01T10:02:30Z"));
        assertThat(w.seconds(2)).isEqualTo(30.0);
        assertThat(StatsWindow.of("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", null, StatsWindow.MARGIN_STEPS)
                .stepLabel()).isEqualTo("1h");
    }

    @Test
    void badWindowsNameTheField() {
        assertField(() -> StatsWindow.of("2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", "1d",
                StatsWindow.TRAFFIC_STEPS), "step");
        assertField(() -> StatsWindow.of("2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", "5m",
                StatsWindow.MARGIN_STEPS), "step");
        assertField(() -> StatsWindow.of("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "1m",
                StatsWindow.TRAFFIC_STEPS), "step");
        assertField(() -> StatsWindow.of("2026-03-01T10:00:00Z", "2026-03-01T10:00:00Z", "1m",
                StatsWindow.TRAFFIC_STEPS), "to");
        assertField(() -> StatsWindow.of("10:00", "2026-03-01T11:00:00Z", "1m", StatsWindow.TRAFFIC_STEPS), "from");
    }

    /** A call: set up and ended at offsets from FROM in seconds, answered or not. */
    private record Call(long setupS, long endS, boolean answered) {
    }

    @Test
    void trafficCountsCallsPerStepAndCallsUpAtEachStepsEnd() {
        StatsWindow w = StatsWindow.of("2026-03-01T10:00:00Z", "2026-03-01T10:03:30Z", "1m",
                StatsWindow.TRAFFIC_STEPS);
        List<Call> calls = List.of(
                new Call(-300, 30, true),      // set up before the window, ends in point 0
                new Call(-10, 61, true),       // up at the end of point 0 only
                new Call(0, 60, false),        // ends exactly at point 0's end: not up then
                new Call(59, 200, true),       // up at the ends of points 0, 1, 2; ended before the window's end
                new Call(60, 120, false),      // set up exactly at point 0's end: up then; ends at point 1's end
                new Call(150, 500, true),      // up at points 2 and 3 (the window's end, 10:03:30)
                new Call(205, 209, false),     // short, in the last (short) point
                new Call(210, 400, true));     // set up at the window's end: not a call of the window
        List<StatsSeries.TrafficPoint> points = StatsSeries.traffic(w, started(w, calls), spans(w, calls));

        assertThat(points).extracting(StatsSeries.TrafficPoint::calls).containsExactly(2L, 1L, 1L, 1L);
        assertThat(points).extracting(StatsSeries.TrafficPoint::answered).containsExactly(1L, 0L, 1L, 0L);
        // by hand: up at 10:01:00 = calls 2, 4, 5; 10:02:00 = 4; 10:03:00 = 4, 6; 10:03:30 = 6, 8 (set up at it)
        assertThat(points).extracting(StatsSeries.TrafficPoint::concurrent).containsExactly(3L, 1L, 2L, 2L);
        assertThat(points).extracting(StatsSeries.TrafficPoint::cps).containsExactly(0.033, 0.017, 0.017, 0.033);
        assertThat(points).extracting(StatsSeries.TrafficPoint::asr).containsExactly(50.0, 0.0, 100.0, 0.0);
        assertThat(points.get(3).t()).isEqualTo("2026-03-01T10:03:00Z");
        for (int i = 0; i < points.size(); i++) {
            assertThat(points.get(i).concurrent()).as("point " + i).isEqualTo(upAt(calls, w.end(i)));
        }
    }

    @Test
    void aPointWithoutCallsHasNoAsrAndZeroCounts() {
        StatsWindow w = StatsWindow.of("2026-03-01T10:00:00Z", "2026-03-01T10:05:00Z", "5m",
                StatsWindow.TRAFFIC_STEPS);

        assertThat(StatsSeries.traffic(w, List.of(), List.of())).singleElement()
                .isEqualTo(new StatsSeries.TrafficPoint("2026-03-01T10:00:00Z", 0, 0, 0.0, 0, null));
    }

    @Test
    void marginSeriesAreDensePerCustomerAndCurrency() {
        StatsWindow w = StatsWindow.of("2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z", "1d",
                StatsWindow.MARGIN_STEPS);
        List<StatsSeries.MarginSeries> series = StatsSeries.margin(w, List.of(
                new StatsSeries.Money(2, "globex", "USD", new BigDecimal("2.160000"), new BigDecimal("1.0"),
                        new BigDecimal("1.16")),
                new StatsSeries.Money(0, "acme", "EUR", new BigDecimal("1.5"), new BigDecimal("0.9"),
                        new BigDecimal("0.6"))));

        assertThat(series).extracting(StatsSeries.MarginSeries::customer).containsExactly("acme", "globex");
        assertThat(series.get(0).points()).extracting(p -> p.revenue().toPlainString())
                .containsExactly("1.5", "0", "0");
        assertThat(series.get(1).points()).extracting(p -> p.margin().toPlainString())
                .containsExactly("0", "0", "1.16");
        assertThat(series.get(1).points().get(2).t()).isEqualTo("2026-03-03T00:00:00Z");
    }

    /** What the count query returns: calls set up in [from, to) by point. */
    private static List<StatsSeries.Started> started(StatsWindow w, List<Call> calls) {
        Map<Integer, long[]> byPoint = new TreeMap<>();
        for (Call c : calls) {
            Instant setup = FROM.plusSeconds(c.setupS());
            if (!setup.isBefore(w.from()) && setup.isBefore(w.to())) {
                int point = (int) ((setup.toEpochMilli() - w.from().toEpochMilli()) / w.stepMillis());
                long[] n = byPoint.computeIfAbsent(point, p -> new long[2]);
                n[0]++;
                n[1] += c.answered() ? 1 : 0;
            }
        }
        List<StatsSeries.Started> started = new ArrayList<>();
        byPoint.forEach((p, n) -> started.add(new StatsSeries.Started(p, n[0], n[1])));
        return started;
    }

    /** What the span query returns, one call at a time, with the filters the SQL applies. */
    private static List<StatsSeries.Span> spans(StatsWindow w, List<Call> calls) {
        long from = w.from().toEpochMilli();
        List<StatsSeries.Span> spans = new ArrayList<>();
        for (Call c : calls) {
            Instant setup = FROM.plusSeconds(c.setupS());
            Instant end = FROM.plusSeconds(c.endS());
            if (setup.isAfter(w.to()) || !end.isAfter(w.from())) {
                continue;
            }
            long down = end.isAfter(w.to()) ? -1 : StatsSeries.stepsUp(end.toEpochMilli(), from, w.stepMillis());
            spans.add(new StatsSeries.Span(StatsSeries.stepsUp(setup.toEpochMilli(), from, w.stepMillis()), down, 1));
        }
        return spans;
    }

    private static long upAt(List<Call> calls, Instant t) {
        return calls.stream().filter(c -> !FROM.plusSeconds(c.setupS()).isAfter(t)
                && FROM.plusSeconds(c.endS()).isAfter(t)).count();
    }
}
