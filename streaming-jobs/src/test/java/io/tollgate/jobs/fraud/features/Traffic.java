package io.tollgate.jobs.fraud.features;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.CallEvent.Type;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.rules.CustomerWindow;
import io.tollgate.rules.DestinationWindow;
import io.tollgate.rules.Observation;
import io.tollgate.rules.RangeWindow;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/** Hand-built call events and rated CDRs for one customer, at times given in seconds after {@link #T0}. */
final class Traffic {
    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    static final String CUSTOMER = "acme";
    static final Currency EUR = Currency.getInstance("EUR");

    private final CustomerTraffic traffic = new CustomerTraffic();

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static long min(long minutes) {
        return minutes * 60;
    }

    CustomerTraffic state() {
        return traffic;
    }

    Traffic setup(String id, long s, String number) {
        traffic.onEvent(event(Type.SETUP, id, s, number, null));
        return this;
    }

    Traffic answer(String id, long s) {
        traffic.onEvent(event(Type.ANSWER, id, s, null, null));
        return this;
    }

    Traffic end(String id, long s) {
        traffic.onEvent(event(Type.END, id, s, null, 16));
        return this;
    }

    /** A call the routing agent refused itself: set up and ended, no vendor ever tried. */
    Traffic refused(String id, long setupS, long endS, String number) {
        setup(id, setupS, number);
        return end(id, endS);
    }

    Traffic hangup(String id, long s) {
        traffic.onEvent(event(Type.HANGUP, id, s, null, 16));
        return this;
    }

    /** A whole call: setup, a vendor attempt, answer (if {@code answerS} is not null) and end. */
    Traffic call(String id, long setupS, Long answerS, long endS, String number) {
        setup(id, setupS, number);
        traffic.onEvent(event(Type.ATTEMPT, id, setupS, null, null));
        if (answerS != null) {
            answer(id, answerS);
        }
        return end(id, endS);
    }

    /** A rated CDR with the given revenue and vendor cost, in EUR. */
    Traffic rated(String id, long setupS, Long answerS, long endS, String number, String revenue, String cost) {
        traffic.onRated(cdr(id, setupS, answerS, endS, number, revenue, cost));
        return this;
    }

    static RatedCdr cdr(String id, long setupS, Long answerS, long endS, String number, String revenue,
                        String cost) {
        BigDecimal duration = answerS == null ? BigDecimal.ZERO : BigDecimal.valueOf(endS - answerS);
        Cdr cdr = new Cdr(id, CUSTOMER, "+4930123456", number, at(setupS), answerS == null ? null : at(answerS),
                at(endS), duration, answerS == null ? Disposition.NO_ANSWER : Disposition.ANSWERED, 16, List.of());
        RatedLeg customerLeg = new RatedLeg("cust", 1, EUR, "44", new BigDecimal("0.10"), 0, new BigDecimal(revenue));
        RatedLeg vendorLeg = new RatedLeg("vend", 1, EUR, "44", new BigDecimal("0.05"), 0, new BigDecimal(cost));
        return RatedCdr.rated(cdr, "carrier-a", customerLeg, vendorLeg, BigDecimal.ONE);
    }

    List<Observation> observe(long s, FeatureSettings settings) {
        return traffic.observe(at(s), settings);
    }

    List<Observation> observe(long s) {
        return observe(s, FeatureSettings.DEFAULT);
    }

    static CustomerWindow customer(List<Observation> facts) {
        return facts.stream().filter(CustomerWindow.class::isInstance).map(CustomerWindow.class::cast)
                .findFirst().orElseThrow();
    }

    static List<DestinationWindow> destinations(List<Observation> facts) {
        return facts.stream().filter(DestinationWindow.class::isInstance).map(DestinationWindow.class::cast).toList();
    }

    static DestinationWindow destination(List<Observation> facts, String destination) {
        return destinations(facts).stream().filter(d -> d.destination().equals(destination)).findFirst()
                .orElseThrow(() -> new AssertionError("no destination " + destination + " in " + facts));
    }

    static List<RangeWindow> ranges(List<Observation> facts) {
        return facts.stream().filter(RangeWindow.class::isInstance).map(RangeWindow.class::cast).toList();
    }

    static RangeWindow range(List<Observation> facts, String range) {
        return ranges(facts).stream().filter(r -> r.range().equals(range)).findFirst()
                .orElseThrow(() -> new AssertionError("no range " + range + " in " + facts));
    }

    static FeatureSettings withSamples(int samples) {
        FeatureSettings d = FeatureSettings.DEFAULT;
        return new FeatureSettings(d.window(), d.baseline(), d.spendWindow(), d.shortCall(), d.rangeDigits(),
                d.familiarity(), samples, d.highRisk());
    }

    static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    private static CallEvent event(Type type, String id, long s, String number, Integer cause) {
        return new CallEvent(type, id, id, at(s), CUSTOMER, "+4930123456", number, null, cause, "agent-1", 0);
    }
}
