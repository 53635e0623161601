package io.tollgate.core.billing;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillingCycleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aMonthlyCycleOnTheFirstIsTheCalendarMonth() {
        BillingPeriod february = new BillingCycle.Monthly(1).periodContaining(LocalDate.parse("2028-02-29"));

        assertThat(february).isEqualTo(new BillingPeriod(LocalDate.parse("2028-02-01"), LocalDate.parse("2028-02-29")));
    }

    @Test
    void aMonthlyCycleFromThe16thRunsIntoTheNextMonth() {
        BillingCycle cycle = new BillingCycle.Monthly(16);

        assertThat(cycle.periodContaining(LocalDate.parse("2026-02-10")))
                .isEqualTo(new BillingPeriod(LocalDate.parse("2026-01-16"), LocalDate.parse("2026-02-15")));
        assertThat(cycle.periodsStartingIn(YearMonth.parse("2026-01")))
                .containsExactly(new BillingPeriod(LocalDate.parse("2026-01-16"), LocalDate.parse("2026-02-15")));
    }

    @Test
    void weeklyPeriodsBelongToTheMonthTheyStartIn() {
        BillingCycle weekly = new BillingCycle.Weekly(DayOfWeek.MONDAY);

        // March 2026 has Mondays on the 2nd, 9th, 16th, 23rd and 30th
        assertThat(weekly.periodsStartingIn(YearMonth.parse("2026-03")))
                .extracting(BillingPeriod::first)
                .containsExactly(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-09"),
                        LocalDate.parse("2026-03-16"), LocalDate.parse("2026-03-23"), LocalDate.parse("2026-03-30"));
        assertThat(weekly.periodContaining(LocalDate.parse("2026-04-05")).last()).isEqualTo("2026-04-05");
    }

    @Test
    void customPeriodsCountFromTheirFirstDayBothWays() {
        BillingCycle fortnight = new BillingCycle.Custom(LocalDate.parse("2026-01-05"), 14);

        assertThat(fortnight.periodContaining(LocalDate.parse("2026-01-19")))
                .isEqualTo(new BillingPeriod(LocalDate.parse("2026-01-19"), LocalDate.parse("2026-02-01")));
        assertThat(fortnight.periodContaining(LocalDate.parse("2026-01-04")))
                .isEqualTo(new BillingPeriod(LocalDate.parse("2025-12-22"), LocalDate.parse("2026-01-04")));
    }

    @Test
    void aPeriodBeginsAndEndsAtMidnightInTheCustomersZone() {
        BillingPeriod march = new BillingCycle.Monthly(1).periodContaining(LocalDate.parse("2026-03-15"));

        // Berlin is UTC+1 on 1 March and UTC+2 (summer time) on 1 April
        assertThat(march.start(BERLIN)).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(march.end(BERLIN)).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
        assertThat(march.endedBy(Instant.parse("2026-03-31T21:59:59Z"), BERLIN)).isFalse();
        assertThat(march.endedBy(Instant.parse("2026-03-31T22:00:00Z"), BERLIN)).isTrue();
    }

    @Test
    void aPeriodIsNamedByTheMonthItStartsInOrByADayInIt() {
        BillingCycle cycle = new BillingCycle.Monthly(16);

        assertThat(cycle.periodsNamed("2026-01")).isEqualTo(cycle.periodsStartingIn(YearMonth.parse("2026-01")));
        assertThat(cycle.periodsNamed("2026-02-10"))
                .containsExactly(new BillingPeriod(LocalDate.parse("2026-01-16"), LocalDate.parse("2026-02-15")));
        assertThatThrownBy(() -> cycle.periodsNamed("March")).hasMessageContaining("is not a month (2026-03)");
    }

    @Test
    void aMonthlyCycleStartsOnADayEveryMonthHas() {
        assertThatThrownBy(() -> new BillingCycle.Monthly(31)).hasMessageContaining("1-28");
    }
}
