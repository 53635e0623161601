package io.tollgate.jobs.fraud.features;

import io.tollgate.core.fraud.HighRiskPrefixes;
import io.tollgate.rules.CustomerWindow;
import io.tollgate.rules.DestinationWindow;
import io.tollgate.rules.Observation;
import io.tollgate.rules.RangeWindow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.tollgate.jobs.fraud.features.Traffic.at;
import static io.tollgate.jobs.fraud.features.Traffic.customer;
import static io.tollgate.jobs.fraud.features.Traffic.destination;
import static io.tollgate.jobs.fraud.features.Traffic.destinations;
import static io.tollgate.jobs.fraud.features.Traffic.min;
import static io.tollgate.jobs.fraud.features.Traffic.range;
import static io.tollgate.jobs.fraud.features.Traffic.ranges;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerTrafficTest {
    private static final String UK = "+44 20 7946 0123";
    private static final long DAY = 86_400;

    @Test
    void nothingToSayBeforeTheFirstEvent() {
        assertThat(new CustomerTraffic().observe(at(0), FeatureSettings.DEFAULT)).isEmpty();
    }

    /** Window (5:00, 10:00]: which calls count as set up, answered, ended, short, last-minute and open. */
    @Test
    void countsTheCallsOfTheWindow() {
        Traffic t = new Traffic()
                .call("c0", 60, null, 120, UK)                 // before the window: nothing
                .call("c1", 240, 245L, 360, UK)                // set up before, ended in it after 115 s: ended only
                .call("c2", 360, 362L, 365, UK)                // 3 s of talk: short
                .call("c3", 420, null, 440, UK)                // unanswered: short
                .setup("c4", 570, UK).answer("c4", 580)        // open, in the last minute
                .setup("c5", 590, UK)                          // open, unanswered, in the last minute
                .hangup("c5", 595);                            // a leg hanging up does not end the call

        CustomerWindow w = customer(t.observe(min(10)));

        assertThat(w.customer()).isEqualTo("acme");
        assertThat(w.windowStart()).isEqualTo(at(300));
        assertThat(w.windowEnd()).isEqualTo(at(600));
        assertThat(w.calls()).isEqualTo(4);                    // c2 c3 c4 c5
        assertThat(w.answered()).isEqualTo(2);                 // c2 c4
        assertThat(w.endedCalls()).isEqualTo(3);               // c1 c2 c3
        assertThat(w.shortCalls()).isEqualTo(2);               // c2 c3
        assertThat(w.shortShare()).isEqualTo(2.0 / 4);          // of the 4 set up, more than the 3 ended
        assertThat(w.callsLastMinute()).isEqualTo(2);          // c4 c5 in (9:00, 10:00]
        assertThat(w.concurrent()).isEqualTo(2);               // c4 c5
        assertThat(w.firstEventTime()).isEqualTo(at(240));     // c1's setup
        assertThat(w.lastEventTime()).isEqualTo(at(590));      // c5's setup
        assertThat(w.sampleCallIds()).containsExactly("c1", "c2", "c3", "c4", "c5");
        assertThat(customer(t.observe(min(10), Traffic.withSamples(2))).sampleCallIds())
                .containsExactly("c1", "c2");
    }

    @Test
    void destinationsAreHighRiskPrefixesElseCountryCodes() {
        FeatureSettings settings = FeatureSettings.DEFAULT.withHighRisk(
                new HighRiskPrefixes(Map.of("88213", "Iridium")));
        Traffic t = new Traffic()
                .call("i1", 400, 410L, 500, "+882 13 000 1234")     // 90 s of talk
                .rated("i1", 400, 410L, 500, "+882 13 000 1234", "2.50", "1.00")
                .call("i2", 420, null, 430, "+882130001235")
                .rated("i2", 420, null, 430, "+882130001235", "0.00", "0.00")
                .call("u1", 450, 455L, 515, UK)                    // 60 s of talk, sold at a loss
                .rated("u1", 450, 455L, 515, UK, "0.30", "0.40")
                .setup("n1", 460, "+1 212 555 0100")
                .setup("x1", 470, "not a number");

        List<Observation> facts = t.observe(min(10), settings);

        assertThat(destinations(facts)).extracting(DestinationWindow::destination)
                .containsExactly("1", "44", "88213");
        DestinationWindow iridium = destination(facts, "88213");
        assertThat(iridium.highRisk()).isTrue();
        assertThat(iridium.newToCustomer()).isTrue();
        assertThat(iridium.historyMinutes()).isEqualTo(3);              // first event at 400 s, now 600 s
        assertThat(iridium.calls()).isEqualTo(2);
        assertThat(iridium.answered()).isEqualTo(1);
        assertThat(iridium.minutes()).isEqualByComparingTo("1.50");
        assertThat(iridium.ratedCalls()).isEqualTo(2);
        assertThat(iridium.revenue()).isEqualByComparingTo("2.50");
        assertThat(iridium.margin()).isEqualByComparingTo("1.50");
        assertThat(iridium.blockPrefix()).isEqualTo("88213");
        assertThat(iridium.firstEventTime()).isEqualTo(at(400));
        assertThat(iridium.lastEventTime()).isEqualTo(at(500));
        assertThat(iridium.sampleCallIds()).containsExactly("i1", "i2");

        DestinationWindow uk = destination(facts, "44");
        assertThat(uk.highRisk()).isFalse();
        assertThat(uk.minutes()).isEqualByComparingTo("1.00");
        assertThat(uk.revenue()).isEqualByComparingTo("0.30");
        assertThat(uk.margin()).isEqualByComparingTo("-0.10");

        DestinationWindow us = destination(facts, "1");
        assertThat(us.calls()).isEqualTo(1);
        assertThat(us.answered()).isZero();
        assertThat(us.ratedCalls()).isZero();
        assertThat(us.revenue()).isEqualByComparingTo("0");

        CustomerWindow w = customer(facts);
        assertThat(w.calls()).isEqualTo(5);                              // x1 counts, in no destination
        assertThat(w.spendLastHour()).isEqualByComparingTo("2.80");
        assertThat(w.currency()).isEqualTo("EUR");
        assertThat(ranges(facts)).extracting(RangeWindow::range)
                .containsExactly("12125550", "442079460", "882130001");
    }

    @Test
    void rangesCountDistinctNumbersAndTheLongestRun() {
        Traffic t = new Traffic();
        String[] numbers = {"+442079460099", "+442079460100", "+442079460101", "+442079460102", "+442079460104",
                "+442079460105", "+442079460100", "+442079461999", "abc"};
        for (int i = 0; i < numbers.length; i++) {
            t.call("r" + i, 400 + 10 * i, null, 402 + 10 * i, numbers[i]);
        }

        List<Observation> facts = t.observe(min(10));

        RangeWindow scanned = range(facts, "442079460");
        assertThat(scanned.calls()).isEqualTo(7);
        assertThat(scanned.distinctNumbers()).isEqualTo(6);           // 099 100 101 102 104 105
        assertThat(scanned.longestRun()).isEqualTo(4);                // 099..102
        assertThat(scanned.endedCalls()).isEqualTo(7);
        assertThat(scanned.shortOrUnanswered()).isEqualTo(7);
        assertThat(scanned.sampleCallIds()).containsExactly("r0", "r1", "r2", "r3", "r4");
        RangeWindow other = range(facts, "442079461");
        assertThat(other.distinctNumbers()).isEqualTo(1);
        assertThat(other.longestRun()).isEqualTo(1);
        assertThat(customer(facts).calls()).isEqualTo(9);

        FeatureSettings twoDigits = new FeatureSettings(FeatureSettings.DEFAULT.window(),
                FeatureSettings.DEFAULT.baseline(), FeatureSettings.DEFAULT.spendWindow(),
                FeatureSettings.DEFAULT.shortCall(), 2, FeatureSettings.DEFAULT.familiarity(), 5,
                HighRiskPrefixes.NONE);
        List<Observation> cut = t.observe(min(10), twoDigits);
        assertThat(range(cut, "4420794600").longestRun()).isEqualTo(1);   // 99 alone
        assertThat(range(cut, "4420794601").longestRun()).isEqualTo(3);   // 00 01 02
        assertThat(range(cut, "4420794601").distinctNumbers()).isEqualTo(5);
    }

    @Test
    void duplicateEventsAndCdrsCountOnce() {
        Traffic t = new Traffic()
                .setup("c1", 100, UK).setup("c1", 100, UK)
                .answer("c1", 110).answer("c1", 110)
                .end("c1", 200).end("c1", 200)
                .rated("c1", 100, 110L, 200, UK, "1.00", "0.50")
                .rated("c1", 100, 110L, 200, UK, "1.00", "0.50")
                .setup("c2", 230, UK).end("c2", 250).answer("c2", 240);   // the answer comes late

        List<Observation> facts = t.observe(300);

        CustomerWindow w = customer(facts);
        assertThat(w.calls()).isEqualTo(2);
        assertThat(w.answered()).isEqualTo(2);
        assertThat(w.endedCalls()).isEqualTo(2);
        assertThat(w.shortCalls()).isZero();                          // 90 s and 10 s of talk
        assertThat(w.concurrent()).isZero();
        assertThat(w.spendLastHour()).isEqualByComparingTo("1.00");
        DestinationWindow uk = destination(facts, "44");
        assertThat(uk.ratedCalls()).isEqualTo(1);
        assertThat(uk.revenue()).isEqualByComparingTo("1.00");
        assertThat(uk.margin()).isEqualByComparingTo("0.50");
        assertThat(uk.minutes()).isEqualByComparingTo("1.67");        // 100 s
    }

    /** A call the agent refused (a block, a limit) rang nobody: a call, but neither ended traffic nor a short call. */
    @Test
    void callsTheAgentRefusedAreCallsButNotShortOnes() {
        Traffic t = new Traffic()
                .call("c1", 400, null, 420, UK)                // tried a vendor, unanswered: short
                .refused("r1", 430, 431, UK)                   // refused before any vendor
                .refused("r2", 440, 441, UK);

        CustomerWindow w = customer(t.observe(min(10)));

        assertThat(w.calls()).isEqualTo(3);
        assertThat(w.endedCalls()).isEqualTo(1);
        assertThat(w.shortCalls()).isEqualTo(1);
        assertThat(w.concurrent()).isZero();
    }

    @Test
    void aCallCountsOnceItsSetupComesAndIsDroppedIfItNeverDoes() {
        Traffic t = new Traffic().answer("d1", 110).end("d1", 150).end("lost", 140);
        assertThat(customer(t.observe(160)).calls()).isZero();
        assertThat(customer(t.observe(160)).endedCalls()).isZero();

        t.setup("d1", 100, UK);
        CustomerWindow w = customer(t.observe(170));
        assertThat(w.calls()).isEqualTo(1);
        assertThat(w.answered()).isEqualTo(1);
        assertThat(w.endedCalls()).isEqualTo(1);
        assertThat(w.concurrent()).isZero();

        t.observe(min(10));                                           // window (300, 600]: both left it
        assertThat(t.state().heldCalls()).isZero();
    }

    @Test
    void aCdrAloneMakesTheCall() {
        Traffic t = new Traffic().rated("k1", 400, 405L, 500, UK, "0.20", "0.10");
        List<Observation> facts = t.observe(min(10));
        assertThat(customer(facts).calls()).isEqualTo(1);
        assertThat(customer(facts).answered()).isEqualTo(1);
        assertThat(destination(facts, "44").revenue()).isEqualByComparingTo("0.20");
        assertThat(destination(facts, "44").minutes()).isEqualByComparingTo("1.58");   // 95 s
    }

    @Test
    void stateIsPrunedOnceTheWindowPasses() {
        Traffic t = new Traffic().setup("open", 10, UK);
        for (int i = 0; i < 100; i++) {
            t.call("c" + i, 2 * i, null, 2 * i + 1, UK);
        }
        t.rated("c7", 14, null, 15, UK, "1.00", "0.00");
        assertThat(customer(t.observe(200)).calls()).isEqualTo(101);
        assertThat(t.state().heldCalls()).isEqualTo(101);

        CustomerWindow later = customer(t.observe(501));               // window (201, 501]
        assertThat(t.state().heldCalls()).isEqualTo(1);                // only the open call
        assertThat(later.calls()).isZero();
        assertThat(later.endedCalls()).isZero();
        assertThat(later.concurrent()).isEqualTo(1);
        assertThat(later.firstEventTime()).isEqualTo(at(199));         // no call contributed: the latest event
        assertThat(destinations(t.observe(501))).isEmpty();

        // duplicates of pruned calls are dropped rather than taken as new calls
        t.setup("c5", 10, UK).end("c5", 11).rated("c7", 14, null, 15, UK, "1.00", "0.00");
        assertThat(t.state().heldCalls()).isEqualTo(1);
        CustomerWindow after = customer(t.observe(502));
        assertThat(after.calls()).isZero();
        assertThat(after.spendLastHour()).isEqualByComparingTo("1.00");

        // an open call whose END was lost is forgotten after four hours
        CustomerWindow forgotten = customer(t.observe(10 + 4 * 3600));
        assertThat(forgotten.concurrent()).isZero();
        assertThat(t.state().heldCalls()).isZero();
        assertThat(t.state().openCalls()).isZero();
    }

    @Test
    void aNewCustomerHasNoBaseline() {
        Traffic t = new Traffic().setup("c1", 0, UK);
        CustomerWindow first = customer(t.observe(30));
        assertThat(first.baselineMinutes()).isZero();
        assertThat(first.baselineCallsPerMinute()).isZero();
        assertThat(first.baselineConcurrent()).isZero();
        assertThat(first.callsLastMinute()).isEqualTo(1);
        // at 1:01 the last minute (0:01, 1:01] reaches into minute 0, so minute 0 is not yet baseline
        assertThat(customer(t.observe(61)).baselineMinutes()).isZero();
    }

    /** Two calls a minute, 30 s each and overlapping, for 30 minutes; observed every minute as the job does. */
    @Test
    void baselinesLearnCallsPerMinuteAndPeakConcurrency() {
        Traffic t = new Traffic();
        for (int m = 0; m < 30; m++) {
            // in time order: concurrency is followed as the events arrive
            t.setup("a" + m, min(m) + 10, UK).answer("a" + m, min(m) + 12)
                    .setup("b" + m, min(m) + 20, UK).answer("b" + m, min(m) + 22)
                    .end("a" + m, min(m) + 40).end("b" + m, min(m) + 50);
            t.observe(min(m) + 55);
        }
        CustomerWindow w = customer(t.observe(min(30)));

        // baseline: minutes 0..28 (minute 29 holds 29:00 = now - 1 min), 58 calls, a peak of 2 in each
        assertThat(w.baselineMinutes()).isEqualTo(29);
        assertThat(w.baselineCallsPerMinute()).isEqualTo(2.0);
        assertThat(w.baselineConcurrent()).isEqualTo(2.0);
        assertThat(w.callsLastMinute()).isEqualTo(2);                 // a29 b29
        assertThat(w.calls()).isEqualTo(10);                          // minutes 25..29
        assertThat(w.concurrent()).isZero();
    }

    @Test
    void theBaselineIsCappedAtItsLength() {
        Traffic t = new Traffic();
        for (int m = 0; m < 120; m++) {
            t.call("c" + m, min(m) + 5, null, min(m) + 15, UK);
        }
        CustomerWindow w = customer(t.observe(min(120)));
        assertThat(w.baselineMinutes()).isEqualTo(60);                // minutes 59..118
        assertThat(w.baselineCallsPerMinute()).isEqualTo(1.0);
        assertThat(w.baselineConcurrent()).isEqualTo(1.0);
    }

    @Test
    void aCallOpenAcrossMinutesCountsInEachOfTheirPeaks() {
        Traffic t = new Traffic().call("long", 10, 20L, 610, UK);
        CustomerWindow w = customer(t.observe(720));
        // minutes 0..10 (11 minutes) each had the call up; one call set up in them
        assertThat(w.baselineMinutes()).isEqualTo(11);
        assertThat(w.baselineConcurrent()).isEqualTo(1.0);
        assertThat(w.baselineCallsPerMinute()).isEqualTo(1.0 / 11);
    }

    @Test
    void spendSumsTheLastHourToTheMinute() {
        Traffic t = new Traffic()
                .rated("x1", min(29), min(29) + 5, min(30), UK, "5.00", "1.00")      // minute 30: too old
                .rated("x5", 2400, 2401L, 2459, UK, "100.00", "1.00")                // minute 40: too old
                .rated("x4", 2400, 2401L, 2460, UK, "0.01", "0.00")                  // minute 41: in
                .rated("x2", min(49), min(49) + 5, min(50), UK, "2.00", "1.00")
                .rated("x3", min(98), min(98) + 5, min(99), UK, "0.75", "1.00");
        CustomerWindow w = customer(t.observe(min(100) + 30));           // minutes 41..100
        assertThat(w.spendLastHour()).isEqualByComparingTo("2.76");
        assertThat(w.currency()).isEqualTo("EUR");
    }

    @Test
    void aDestinationIsNewWithoutACallInTheFamiliarityWindowBeforeThisOne() {
        Traffic t = new Traffic().call("f1", 0, 5L, 30, UK);
        DestinationWindow first = destination(t.observe(60), "44");
        assertThat(first.newToCustomer()).isTrue();
        assertThat(first.historyMinutes()).isEqualTo(1);

        t.call("f2", 10 * DAY, 10 * DAY + 5, 10 * DAY + 30, UK)
                .call("f3", 10 * DAY + 40, 10 * DAY + 45, 10 * DAY + 70, "+12125550100");
        List<Observation> tenth = t.observe(10 * DAY + 100);
        assertThat(destination(tenth, "44").newToCustomer()).isFalse();   // f1, ten days before
        assertThat(destination(tenth, "1").newToCustomer()).isTrue();
        assertThat(destination(tenth, "44").historyMinutes()).isEqualTo(14_401);

        t.call("f4", 45 * DAY, null, 45 * DAY + 10, UK);
        List<Observation> later = t.observe(45 * DAY + 100);
        assertThat(destination(later, "44").newToCustomer()).isTrue();    // f2 is 35 days before
        assertThat(t.state().familiarDestinations()).isZero();            // both learned on day 10, forgotten
    }

    @Test
    void anOpenCallBeforeTheWindowMakesItsDestinationFamiliar() {
        Traffic t = new Traffic().setup("old", 0, UK).call("new", 400, null, 410, UK);
        assertThat(destination(t.observe(min(10)), "44").newToCustomer()).isFalse();
    }

    @Test
    void factsAreInKeyOrderAndReplayTheSame() {
        List<Observation> once = replay();
        assertThat(once.get(0)).isInstanceOf(CustomerWindow.class);
        assertThat(once).isEqualTo(replay());
    }

    private static List<Observation> replay() {
        Traffic t = new Traffic()
                .call("a", 400, 401L, 430, "+4930111222")
                .call("b", 410, null, 415, UK)
                .rated("a", 400, 401L, 430, "+4930111222", new BigDecimal("0.10").toPlainString(), "0.05");
        return t.observe(min(10));
    }
}
