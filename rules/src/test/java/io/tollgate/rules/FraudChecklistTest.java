package io.tollgate.rules;

import io.tollgate.core.fraud.FraudProfile;
import io.tollgate.core.fraud.FraudProfiles;
import io.tollgate.core.fraud.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tollgate.rules.Facts.customer;
import static io.tollgate.rules.Facts.destination;
import static io.tollgate.rules.Facts.range;
import static io.tollgate.rules.Facts.vendor;
import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of the bundled checklist at its default thresholds: at the threshold it fires, just below it does not. */
class FraudChecklistTest {
    private static final FraudRules RULES = FraudRules.standard();

    static List<String> fired(Observation... facts) {
        return fired(Facts.defaults(facts[0].customer()), facts);
    }

    static List<String> fired(FraudProfile profile, Observation... facts) {
        return RULES.evaluate(profile, List.of(facts)).stream().map(Finding::ruleId).toList();
    }

    @Test
    void ordinaryTrafficFiresNothing() {
        assertThat(fired(customer().build(), destination("44").build(), destination("882").build(),
                range("4420794600").build())).isEmpty();
        assertThat(fired(vendor("carrier-a", "44").build())).isEmpty();
    }

    @Test
    void aFindingCarriesTheRuleMetadataAndTheFact() {
        DestinationWindow fact = destination("88213").highRisk().calls(10).build();

        assertThat(RULES.evaluate(Facts.defaults(), List.of(fact)))
                .containsExactly(new Finding("irsf", Severity.CRITICAL, BlockScope.DESTINATION, fact));
    }

    @Nested
    class Irsf {
        @Test
        void firesOnEnoughCallsMinutesOrRevenueToAHighRiskDestination() {
            assertThat(fired(destination("88213").highRisk().calls(10).build())).containsExactly("irsf");
            assertThat(fired(destination("88213").highRisk().minutes("30").build())).containsExactly("irsf");
            assertThat(fired(destination("88213").highRisk().revenue("50.00").build())).containsExactly("irsf");
        }

        @Test
        void staysQuietJustBelowEveryThreshold() {
            assertThat(fired(destination("88213").highRisk().calls(9).minutes("29.99").revenue("49.99").build()))
                    .isEmpty();
        }

        @Test
        void ignoresDestinationsNotOnTheHighRiskList() {
            assertThat(fired(destination("44").calls(500).minutes("900").revenue("800.00").build())).isEmpty();
        }
    }

    @Nested
    class Wangiri {
        @Test
        void firesOnManyShortOrUnansweredCallsIntoARange() {
            assertThat(fired(range("2327000").shortOrUnanswered(20, 25).build())).containsExactly("wangiri");
        }

        @Test
        void staysQuietJustBelowTheCountOrTheShare() {
            assertThat(fired(range("2327000").shortOrUnanswered(19, 19).build())).isEmpty();
            assertThat(fired(range("2327000").shortOrUnanswered(20, 26).build())).isEmpty();
        }
    }

    @Nested
    class ShortCallBurst {
        @Test
        void firesOnABurstOfShortCalls() {
            assertThat(fired(customer().shortCalls(50, 100).build())).containsExactly("short-call-burst");
        }

        @Test
        void staysQuietJustBelowTheCountOrTheShare() {
            assertThat(fired(customer().shortCalls(49, 49).build())).isEmpty();
            assertThat(fired(customer().shortCalls(50, 101).build())).isEmpty();
            // traffic just started: the short calls ended first, most of the 216 calls are still up
            assertThat(fired(customer().shortCalls(50, 69).placed(216).build())).isEmpty();
        }
    }

    @Nested
    class SequentialDialling {
        @Test
        void firesOnARunOfConsecutiveNumbers() {
            assertThat(fired(range("4420794600").run(10).build())).containsExactly("sequential-dialling");
        }

        @Test
        void staysQuietJustBelowTheRun() {
            assertThat(fired(range("4420794600").run(9).build())).isEmpty();
        }
    }

    @Nested
    class CpsSpike {
        @Test
        void firesWhenTheLastMinuteIsFarAboveTheBaseline() {
            assertThat(fired(customer().callsLastMinute(30, 5.9).build())).containsExactly("cps-spike");
        }

        @Test
        void staysQuietAtExactlyTheFactor() {
            assertThat(fired(customer().callsLastMinute(30, 6.0).build())).isEmpty();
        }

        @Test
        void staysQuietJustBelowTheMinimumCalls() {
            assertThat(fired(customer().callsLastMinute(29, 0.5).build())).isEmpty();
        }

        @Test
        void staysQuietWithoutEnoughHistory() {
            assertThat(fired(customer().callsLastMinute(300, 1).history(9).build())).isEmpty();
        }
    }

    @Nested
    class ConcurrencySpike {
        @Test
        void firesWhenFarMoreCallsAreUpThanUsual() {
            assertThat(fired(customer().concurrent(20, 3.9).build())).containsExactly("concurrency-spike");
        }

        @Test
        void staysQuietAtExactlyTheFactor() {
            assertThat(fired(customer().concurrent(20, 4.0).build())).isEmpty();
        }

        @Test
        void staysQuietJustBelowTheMinimumCalls() {
            assertThat(fired(customer().concurrent(19, 0.5).build())).isEmpty();
        }

        @Test
        void staysQuietWithoutEnoughHistory() {
            assertThat(fired(customer().concurrent(200, 1).history(9).build())).isEmpty();
        }
    }

    @Nested
    class SpendCap {
        @Test
        void firesAtTheCapWhateverTheScaleOfTheAmount() {
            assertThat(fired(customer().spend("500.00").build())).containsExactly("spend-cap");
            assertThat(fired(customer().spend("500").build())).containsExactly("spend-cap");
            assertThat(fired(customer().spend("500.0000").build())).containsExactly("spend-cap");
        }

        @Test
        void staysQuietJustBelowTheCap() {
            assertThat(fired(customer().spend("499.99").build())).isEmpty();
            assertThat(fired(customer().spend("499.9999").build())).isEmpty();
        }
    }

    @Nested
    class NewDestination {
        @Test
        void firesOnCallsToADestinationTheCustomerNeverCalled() {
            assertThat(fired(destination("53").newToCustomer(1440).calls(3).build()))
                    .containsExactly("new-destination");
        }

        @Test
        void staysQuietJustBelowTheCallsOrTheLearningTime() {
            assertThat(fired(destination("53").newToCustomer(1440).calls(2).build())).isEmpty();
            assertThat(fired(destination("53").newToCustomer(1439).calls(50).build())).isEmpty();
        }

        @Test
        void staysQuietOnAKnownDestination() {
            assertThat(fired(destination("53").calls(50).build())).isEmpty();
        }
    }

    @Nested
    class NegativeMargin {
        @Test
        void firesWhenTheRatedCallsLostEnough() {
            assertThat(fired(destination("44").margin(5, "-5.00").build())).containsExactly("negative-margin");
            assertThat(fired(destination("44").margin(5, "-5").build())).containsExactly("negative-margin");
            assertThat(fired(destination("44").margin(5, "-120.37").build())).containsExactly("negative-margin");
        }

        @Test
        void staysQuietJustBelowTheLossOrTheRatedCalls() {
            assertThat(fired(destination("44").margin(5, "-4.99").build())).isEmpty();
            assertThat(fired(destination("44").margin(4, "-300.00").build())).isEmpty();
        }
    }

    @Nested
    class AsrCollapse {
        @Test
        void firesWhenTheAsrFellBelowHalfTheBaseline() {
            assertThat(fired(vendor("carrier-a", "44").now(5, 30).baseline(40, 100).build()))
                    .containsExactly("asr-collapse");
        }

        @Test
        void staysQuietAtExactlyTheFactor() {
            assertThat(fired(vendor("carrier-a", "44").now(6, 30).baseline(40, 100).build())).isEmpty();
        }

        @Test
        void staysQuietJustBelowTheAttemptsOrTheBaselineAttempts() {
            assertThat(fired(vendor("carrier-a", "44").now(0, 29).baseline(40, 100).build())).isEmpty();
            assertThat(fired(vendor("carrier-a", "44").now(0, 30).baseline(40, 99).build())).isEmpty();
        }

        @Test
        void staysQuietWhenTheBaselineAsrWasAlreadyLow() {
            assertThat(fired(vendor("carrier-a", "44").now(0, 30).baseline(19, 100).build())).isEmpty();
        }

        @Test
        void isEvaluatedWithTheDefaultsProfile() {
            assertThat(vendor("carrier-a", "44").build().customer()).isEqualTo(FraudProfiles.DEFAULTS);
            assertThat(fired(DefaultThresholds.profile(), vendor("carrier-a", "44").now(0, 30).build()))
                    .containsExactly("asr-collapse");
        }
    }
}
