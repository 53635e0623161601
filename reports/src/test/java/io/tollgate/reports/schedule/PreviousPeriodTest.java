package io.tollgate.reports.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreviousPeriodTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime berlin(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN);
    }

    @Test
    void theDayBeforeTheSlotsDayFromMidnightToMidnight() {
        PreviousPeriod.Range day = PreviousPeriod.DAY.before(berlin("2026-03-02T06:00"));

        assertThat(day.from().toOffsetDateTime()).hasToString("2026-03-01T00:00+01:00");
        assertThat(day.to().toOffsetDateTime()).hasToString("2026-03-02T00:00+01:00");
        // a slot at midnight still covers the day that just ended
        assertThat(PreviousPeriod.DAY.before(berlin("2026-03-02T00:00"))).isEqualTo(day);
        assertThat(PreviousPeriod.DAY.before(berlin("2026-03-02T23:59"))).isEqualTo(day);
    }

    @Test
    void dstDaysAre23And25HoursLong() {
        PreviousPeriod.Range spring = PreviousPeriod.DAY.before(berlin("2026-03-30T06:00"));
        PreviousPeriod.Range autumn = PreviousPeriod.DAY.before(berlin("2026-10-26T06:00"));

        assertThat(spring.from().toOffsetDateTime()).hasToString("2026-03-29T00:00+01:00");
        assertThat(spring.to().toOffsetDateTime()).hasToString("2026-03-30T00:00+02:00");
        assertThat(Duration.between(spring.from(), spring.to())).isEqualTo(Duration.ofHours(23));
        assertThat(autumn.from().toOffsetDateTime()).hasToString("2026-10-25T00:00+02:00");
        assertThat(autumn.to().toOffsetDateTime()).hasToString("2026-10-26T00:00+01:00");
        assertThat(Duration.between(autumn.from(), autumn.to())).isEqualTo(Duration.ofHours(25));
        // a slot on the DST day itself (03:00, the first moment after the skipped 02:00-03:00) covers the day before
        PreviousPeriod.Range onTheDay = PreviousPeriod.DAY.before(berlin("2026-03-29T03:00"));
        assertThat(onTheDay.from().toOffsetDateTime()).hasToString("2026-03-28T00:00+01:00");
        assertThat(onTheDay.to().toOffsetDateTime()).hasToString("2026-03-29T00:00+01:00");
    }

    @Test
    void aDayWhoseMidnightIsSkippedBeginsAtTheFirstMomentAfterIt() {
        // Chile moves its clocks from 00:00 to 01:00: 2026-09-06 begins at 01:00 local time
        ZoneId santiago = ZoneId.of("America/Santiago");
        PreviousPeriod.Range before = PreviousPeriod.DAY.before(ZonedDateTime.of(2026, 9, 6, 6, 0, 0, 0, santiago));
        PreviousPeriod.Range after = PreviousPeriod.DAY.before(ZonedDateTime.of(2026, 9, 7, 6, 0, 0, 0, santiago));

        assertThat(before.to().toOffsetDateTime()).hasToString("2026-09-06T01:00-03:00");
        assertThat(after.from()).isEqualTo(before.to());
        assertThat(Duration.between(after.from(), after.to())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void theMonthBeforeAcrossYearEndsLeapYearsAndDst() {
        PreviousPeriod.Range january = PreviousPeriod.MONTH.before(berlin("2026-02-01T06:00"));
        PreviousPeriod.Range december = PreviousPeriod.MONTH.before(berlin("2026-01-15T06:00"));
        PreviousPeriod.Range leapFebruary = PreviousPeriod.MONTH.before(berlin("2028-03-01T00:00"));
        PreviousPeriod.Range march = PreviousPeriod.MONTH.before(berlin("2026-04-30T23:00"));

        assertThat(january.from().toOffsetDateTime()).hasToString("2026-01-01T00:00+01:00");
        assertThat(january.to().toOffsetDateTime()).hasToString("2026-02-01T00:00+01:00");
        assertThat(december.from().toOffsetDateTime()).hasToString("2025-12-01T00:00+01:00");
        assertThat(december.to().toOffsetDateTime()).hasToString("2026-01-01T00:00+01:00");
        assertThat(Duration.between(leapFebruary.from(), leapFebruary.to())).isEqualTo(Duration.ofDays(29));
        // March 2026 in Berlin lost an hour to DST: 31 days less one hour
        assertThat(march.from().toOffsetDateTime()).hasToString("2026-03-01T00:00+01:00");
        assertThat(march.to().toOffsetDateTime()).hasToString("2026-04-01T00:00+02:00");
        assertThat(Duration.between(march.from(), march.to())).isEqualTo(Duration.ofDays(31).minusHours(1));
    }

    @Test
    void theMondayToSundayWeekBefore() {
        PreviousPeriod.Range fromWednesday = PreviousPeriod.WEEK.before(berlin("2026-03-04T06:00"));
        PreviousPeriod.Range fromMonday = PreviousPeriod.WEEK.before(berlin("2026-03-02T06:30"));
        PreviousPeriod.Range fromSunday = PreviousPeriod.WEEK.before(berlin("2026-03-08T23:00"));
        PreviousPeriod.Range overDst = PreviousPeriod.WEEK.before(berlin("2026-03-30T06:00"));

        assertThat(fromWednesday.from().toOffsetDateTime()).hasToString("2026-02-23T00:00+01:00");
        assertThat(fromWednesday.to().toOffsetDateTime()).hasToString("2026-03-02T00:00+01:00");
        assertThat(fromMonday).isEqualTo(fromWednesday);
        assertThat(fromSunday).isEqualTo(fromWednesday);
        assertThat(Duration.between(overDst.from(), overDst.to())).isEqualTo(Duration.ofDays(7).minusHours(1));
    }

    @Test
    void periodsFollowEachOtherWithoutGapOrOverlap() {
        ZonedDateTime slot = berlin("2026-01-01T06:00");
        for (int day = 0; day < 400; day++) {
            ZonedDateTime next = slot.plusDays(1);
            assertThat(PreviousPeriod.DAY.before(next).from()).isEqualTo(PreviousPeriod.DAY.before(slot).to());
            slot = next;
        }
    }

    @Test
    void namedAsInTollgateYaml() {
        assertThat(PreviousPeriod.named("previous_day")).isEqualTo(PreviousPeriod.DAY);
        assertThat(PreviousPeriod.named("previous_week")).isEqualTo(PreviousPeriod.WEEK);
        assertThat(PreviousPeriod.named("previous_month")).isEqualTo(PreviousPeriod.MONTH);
        assertThatThrownBy(() -> PreviousPeriod.named("yesterday")).hasMessageContaining("'yesterday'");
    }
}
