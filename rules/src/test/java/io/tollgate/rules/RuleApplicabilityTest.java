package io.tollgate.rules;

import io.tollgate.core.fraud.FraudProfile;
import io.tollgate.core.fraud.RuleSchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.tollgate.rules.Facts.customer;
import static io.tollgate.rules.Facts.destination;
import static io.tollgate.rules.Facts.range;
import static io.tollgate.rules.Facts.vendor;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rule obeys its profile's exemptions and schedules (at {@link Facts#END}, a Wednesday 14:00 UTC). */
class RuleApplicabilityTest {
    private static final FraudRules RULES = FraudRules.standard();
    private static final RuleSchedule WEEKENDS =
            new RuleSchedule(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    private static final RuleSchedule WEDNESDAY_AFTERNOON =
            new RuleSchedule(EnumSet.of(DayOfWeek.WEDNESDAY), LocalTime.of(13, 0), LocalTime.of(15, 0));
    private static final RuleSchedule WEEKNIGHTS = new RuleSchedule(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0));

    /** A fact that fires exactly the rule, with default thresholds. */
    record Case(String rule, Observation fact) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("irsf", destination("88213").highRisk().calls(10).build()),
                new Case("wangiri", range("2327000").shortOrUnanswered(20, 20).build()),
                new Case("short-call-burst", customer().shortCalls(50, 100).build()),
                new Case("sequential-dialling", range("4420794600").run(10).build()),
                new Case("cps-spike", customer().callsLastMinute(30, 1).build()),
                new Case("concurrency-spike", customer().concurrent(20, 1).build()),
                new Case("spend-cap", customer().spend("500.00").build()),
                new Case("new-destination", destination("53").newToCustomer(1440).calls(3).build()),
                new Case("negative-margin", destination("44").margin(5, "-5.00").build()),
                new Case("asr-collapse", vendor("carrier-a", "44").now(5, 30).baseline(40, 100).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firesWithTheDefaults(Case c) {
        assertThat(fired(profile(c, Set.of(), Map.of(), ZoneOffset.UTC), c.fact())).containsExactly(c.rule());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void neverFiresForACustomerExemptFromIt(Case c) {
        assertThat(fired(profile(c, Set.of(c.rule()), Map.of(), ZoneOffset.UTC), c.fact())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anExemptionFromAnotherRuleChangesNothing(Case c) {
        String other = c.rule().equals("irsf") ? "wangiri" : "irsf";
        assertThat(fired(profile(c, Set.of(other), Map.of(), ZoneOffset.UTC), c.fact())).containsExactly(c.rule());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void staysQuietOutsideItsSchedule(Case c) {
        assertThat(fired(profile(c, Set.of(), Map.of(c.rule(), WEEKENDS), ZoneOffset.UTC), c.fact())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firesInsideItsSchedule(Case c) {
        assertThat(fired(profile(c, Set.of(), Map.of(c.rule(), WEDNESDAY_AFTERNOON), ZoneOffset.UTC), c.fact()))
                .containsExactly(c.rule());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheScheduleInTheCustomersZone(Case c) {
        Map<String, RuleSchedule> nights = Map.of(c.rule(), WEEKNIGHTS);
        // 14:00 UTC is 23:00 in Tokyo: night there, afternoon in London.
        assertThat(fired(profile(c, Set.of(), nights, ZoneId.of("Asia/Tokyo")), c.fact())).containsExactly(c.rule());
        assertThat(fired(profile(c, Set.of(), nights, ZoneId.of("Europe/London")), c.fact())).isEmpty();
    }

    private static FraudProfile profile(Case c, Set<String> exempt, Map<String, RuleSchedule> schedules,
                                        ZoneId zone) {
        return new FraudProfile(c.fact().customer(), zone, DefaultThresholds.thresholds(), exempt, schedules);
    }

    private static List<String> fired(FraudProfile profile, Observation fact) {
        return RULES.evaluate(profile, List.of(fact)).stream().map(Finding::ruleId).toList();
    }
}
