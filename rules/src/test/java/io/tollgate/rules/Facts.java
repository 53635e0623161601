package io.tollgate.rules;

import io.tollgate.core.fraud.FraudProfile;
import io.tollgate.core.fraud.FraudProfiles;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders of facts that fire nothing until a test sets what it is about. */
final class Facts {
    static final String CUSTOMER = "acme";
    /** A Wednesday, 14:00 UTC. */
    static final Instant END = Instant.parse("2026-11-25T14:00:00Z");
    static final Instant START = END.minus(Duration.ofMinutes(5));

    private Facts() {
    }

    static FraudProfile defaults(String customer) {
        return new FraudProfiles(DefaultThresholds.profile(), Map.of(), Map.of()).forCustomer(customer);
    }

    static FraudProfile defaults() {
        return defaults(CUSTOMER);
    }

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    static CustomerFact customer() {
        return new CustomerFact();
    }

    static DestinationFact destination(String prefix) {
        return new DestinationFact(prefix);
    }

    static RangeFact range(String range) {
        return new RangeFact(range);
    }

    static VendorFact vendor(String vendor, String destination) {
        return new VendorFact(vendor, destination);
    }

    static final class CustomerFact {
        String customer = CUSTOMER;
        Instant end = END;
        long calls = 40;
        long endedCalls = 40;
        long shortCalls = 2;
        long callsLastMinute = 8;
        double baselineCallsPerMinute = 8;
        long concurrent = 5;
        double baselineConcurrent = 5;
        long baselineMinutes = 600;
        BigDecimal spendLastHour = money("12.50");

        CustomerFact of(String id) {
            customer = id;
            return this;
        }

        CustomerFact at(Instant windowEnd) {
            end = windowEnd;
            return this;
        }

        CustomerFact shortCalls(long shortOnes, long ended) {
            shortCalls = shortOnes;
            endedCalls = ended;
            calls = Math.max(calls, ended);
            return this;
        }

        CustomerFact placed(long setUp) {
            calls = setUp;
            return this;
        }

        CustomerFact callsLastMinute(long lastMinute, double baseline) {
            callsLastMinute = lastMinute;
            baselineCallsPerMinute = baseline;
            return this;
        }

        CustomerFact concurrent(long now, double baseline) {
            concurrent = now;
            baselineConcurrent = baseline;
            return this;
        }

        CustomerFact history(long minutes) {
            baselineMinutes = minutes;
            return this;
        }

        CustomerFact spend(String amount) {
            spendLastHour = money(amount);
            return this;
        }

        CustomerWindow build() {
            return new CustomerWindow(customer, end.minus(Duration.ofMinutes(5)), end, calls, calls / 2, endedCalls,
                    shortCalls, callsLastMinute, baselineCallsPerMinute, concurrent, baselineConcurrent,
                    baselineMinutes, spendLastHour, "EUR", end.minusSeconds(290), end.minusSeconds(1),
                    List.of("c-1"));
        }
    }

    static final class DestinationFact {
        String customer = CUSTOMER;
        final String prefix;
        Instant end = END;
        boolean highRisk;
        boolean newToCustomer;
        long historyMinutes = 10_000;
        long calls = 2;
        BigDecimal minutes = money("3.5");
        long ratedCalls = 2;
        BigDecimal revenue = money("1.20");
        BigDecimal margin = money("0.30");

        DestinationFact(String prefix) {
            this.prefix = prefix;
        }

        DestinationFact of(String id) {
            customer = id;
            return this;
        }

        DestinationFact at(Instant windowEnd) {
            end = windowEnd;
            return this;
        }

        DestinationFact highRisk() {
            highRisk = true;
            return this;
        }

        DestinationFact newToCustomer(long afterMinutesOfHistory) {
            newToCustomer = true;
            historyMinutes = afterMinutesOfHistory;
            return this;
        }

        DestinationFact calls(long count) {
            calls = count;
            return this;
        }

        DestinationFact minutes(String talkMinutes) {
            minutes = money(talkMinutes);
            return this;
        }

        DestinationFact revenue(String amount) {
            revenue = money(amount);
            return this;
        }

        DestinationFact margin(long rated, String amount) {
            ratedCalls = rated;
            calls = Math.max(calls, rated);
            margin = money(amount);
            return this;
        }

        DestinationWindow build() {
            return new DestinationWindow(customer, prefix, highRisk, newToCustomer, historyMinutes,
                    end.minus(Duration.ofMinutes(5)), end, calls, calls / 2, minutes, ratedCalls, revenue, margin,
                    end.minusSeconds(290), end.minusSeconds(1), List.of("d-1"));
        }
    }

    static final class RangeFact {
        String customer = CUSTOMER;
        final String range;
        Instant end = END;
        long endedCalls = 10;
        long shortOrUnanswered = 1;
        long longestRun = 1;

        RangeFact(String range) {
            this.range = range;
        }

        RangeFact of(String id) {
            customer = id;
            return this;
        }

        RangeFact at(Instant windowEnd) {
            end = windowEnd;
            return this;
        }

        RangeFact shortOrUnanswered(long shortOnes, long ended) {
            shortOrUnanswered = shortOnes;
            endedCalls = ended;
            return this;
        }

        RangeFact run(long longest) {
            longestRun = longest;
            return this;
        }

        RangeWindow build() {
            long calls = Math.max(endedCalls, longestRun);
            return new RangeWindow(customer, range, end.minus(Duration.ofMinutes(5)), end, calls, endedCalls,
                    shortOrUnanswered, calls, longestRun, end.minusSeconds(290), end.minusSeconds(1),
                    List.of("r-1"));
        }
    }

    static final class VendorFact {
        final String vendor;
        final String destination;
        Instant end = END;
        long attempts = 50;
        long answered = 25;
        long baselineAttempts = 500;
        long baselineAnswered = 250;

        VendorFact(String vendor, String destination) {
            this.vendor = vendor;
            this.destination = destination;
        }

        VendorFact at(Instant windowEnd) {
            end = windowEnd;
            return this;
        }

        VendorFact now(long answeredNow, long attemptsNow) {
            answered = answeredNow;
            attempts = attemptsNow;
            return this;
        }

        VendorFact baseline(long answeredBefore, long attemptsBefore) {
            baselineAnswered = answeredBefore;
            baselineAttempts = attemptsBefore;
            return this;
        }

        VendorRoute build() {
            return new VendorRoute(vendor, destination, end.minus(Duration.ofMinutes(15)), end, attempts, answered,
                    baselineAttempts, baselineAnswered);
        }
    }
}
