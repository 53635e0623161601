package io.tollgate.core.fraud;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleScheduleTest {
    // 2026-11-23 is a Monday
    private static Instant utc(String localTime) {
        return Instant.parse(localTime + "Z");
    }

    @Test
    void aDaytimeScheduleCoversItsHoursOnItsDaysOnly() {
        RuleSchedule office = RuleSchedule.parse("mon-fri 09:00-17:00");

        assertThat(office.covers(utc("2026-11-23T09:00:00"), ZoneOffset.UTC)).isTrue();
        assertThat(office.covers(utc("2026-11-23T16:59:59"), ZoneOffset.UTC)).isTrue();
        assertThat(office.covers(utc("2026-11-23T17:00:00"), ZoneOffset.UTC)).isFalse();
        assertThat(office.covers(utc("2026-11-28T10:00:00"), ZoneOffset.UTC)).as("Saturday").isFalse();
    }

    @Test
    void aNightShiftBelongsToTheDayItBegan() {
        RuleSchedule weekNights = RuleSchedule.parse("mon-fri 22:00-06:00");

        assertThat(weekNights.covers(utc("2026-11-27T23:00:00"), ZoneOffset.UTC)).as("Friday night").isTrue();
        assertThat(weekNights.covers(utc("2026-11-28T05:00:00"), ZoneOffset.UTC)).as("early Saturday").isTrue();
        assertThat(weekNights.covers(utc("2026-11-28T23:00:00"), ZoneOffset.UTC)).as("Saturday night").isFalse();
        assertThat(weekNights.covers(utc("2026-11-23T05:00:00"), ZoneOffset.UTC)).as("early Monday: Sunday's night")
                .isFalse();
    }

    @Test
    void timesAreReadInTheCustomersZone() {
        RuleSchedule nights = RuleSchedule.parse("mon-sun 00:00-06:00");

        // 23:30 UTC on Monday is 00:30 on Tuesday in Berlin
        assertThat(nights.covers(utc("2026-11-23T23:30:00"), ZoneId.of("Europe/Berlin"))).isTrue();
        assertThat(nights.covers(utc("2026-11-23T23:30:00"), ZoneOffset.UTC)).isFalse();
    }

    @Test
    void listsWholeDaysAndReadsBackWhatItWrites() {
        RuleSchedule weekend = RuleSchedule.parse("sat,sun 00:00-24:00");

        assertThat(weekend.covers(utc("2026-11-29T23:59:00"), ZoneOffset.UTC)).isTrue();
        assertThat(weekend.covers(utc("2026-11-27T12:00:00"), ZoneOffset.UTC)).isFalse();
        assertThat(weekend.spec()).isEqualTo("sat,sun 00:00-24:00");
        assertThat(RuleSchedule.parse(weekend.spec())).isEqualTo(weekend);
        assertThat(RuleSchedule.parse("fri-mon 20:00-08:00").spec()).isEqualTo("mon,fri,sat,sun 20:00-08:00");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> RuleSchedule.parse("weekdays 9-5")).hasMessageContaining("'days from-to'");
        assertThatThrownBy(() -> RuleSchedule.parse("mo-fr 09:00-17:00")).hasMessageContaining("'mo' is not a weekday");
        assertThatThrownBy(() -> RuleSchedule.parse("mon 25:00-26:00")).hasMessageContaining("'25:00' is not a time");
    }
}
