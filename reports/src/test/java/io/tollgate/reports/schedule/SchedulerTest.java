package io.tollgate.reports.schedule;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** A task that notes the slots it ran for, as offset date-times. */
    private static ScheduledTask noting(String name, String cron, ZoneId zone, List<String> slots) {
        return ScheduledTask.of(name, cron, zone, slot -> slots.add(name + " " + slot.toOffsetDateTime()));
    }

    @Test
    void runsEachSlotOnceWhenItIsDueInTheTasksZone() {
        List<String> ran = new ArrayList<>();
        Scheduler scheduler = new Scheduler(List.of(noting("daily", "0 6 * * *", BERLIN, ran)),
                at("2026-03-01T12:00:00Z"));

        assertThat(scheduler.nextSlots().get("daily").toOffsetDateTime()).hasToString("2026-03-02T06:00+01:00");
        assertThat(scheduler.runDue(Instant.parse("2026-03-02T04:59:59Z"))).isEmpty();
        List<Scheduler.Run> runs = scheduler.runDue(Instant.parse("2026-03-02T05:00:00Z"));
        assertThat(scheduler.runDue(Instant.parse("2026-03-02T05:30:00Z"))).isEmpty();

        assertThat(runs).extracting(Scheduler.Run::task, Scheduler.Run::succeeded)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("daily", true));
        assertThat(ran).containsExactly("daily 2026-03-02T06:00+01:00");
        assertThat(scheduler.nextSlots().get("daily").toOffsetDateTime()).hasToString("2026-03-03T06:00+01:00");
    }

    @Test
    void slotsBeforeTheStartAreNotCaughtUpButSlotsMissedWhileRunningRunLateOnceEach() {
        List<String> ran = new ArrayList<>();
        Scheduler scheduler = new Scheduler(List.of(noting("daily", "0 6 * * *", BERLIN, ran),
                noting("hourly", "0 * * * *", ZoneOffset.UTC, ran)), at("2026-03-02T05:30:00Z"));

        // the machine slept from 05:30 on the 2nd to 08:10 on the 3rd: every missed slot once, the earliest first,
        // tasks due at the same instant in the order they were given
        scheduler.runDue(Instant.parse("2026-03-03T08:10:00Z"));

        // hourly: 06:00 to 23:00 on the 2nd, 00:00 to 08:00 on the 3rd; daily: 06:00 Berlin on the 3rd only,
        // since 06:00 Berlin on the 2nd (05:00Z) was before the start
        assertThat(ran).startsWith("hourly 2026-03-02T06:00Z").endsWith("hourly 2026-03-03T08:00Z")
                .contains("daily 2026-03-03T06:00+01:00").doesNotContain("daily 2026-03-02T06:00+01:00")
                .hasSize(18 + 9 + 1);
        assertThat(ran.indexOf("daily 2026-03-03T06:00+01:00")).isEqualTo(ran.indexOf("hourly 2026-03-03T05:00Z") - 1);
    }

    @Test
    void aFailingTaskIsReportedAndTheOthersAndItsNextSlotStillRun() {
        List<String> ran = new ArrayList<>();
        ScheduledTask failing = ScheduledTask.of("failing", "0 6 * * *", BERLIN, slot -> {
            ran.add("failing " + slot.toOffsetDateTime());
            throw new IllegalStateException("ClickHouse is down");
        });
        Scheduler scheduler = new Scheduler(List.of(failing, noting("ok", "0 6 * * *", BERLIN, ran)),
                at("2026-03-01T12:00:00Z"));

        List<Scheduler.Run> first = scheduler.runDue(Instant.parse("2026-03-02T05:00:00Z"));
        List<Scheduler.Run> second = scheduler.runDue(Instant.parse("2026-03-03T05:00:00Z"));

        assertThat(first).extracting(Scheduler.Run::task).containsExactly("failing", "ok");
        assertThat(first.get(0).failure()).hasMessage("ClickHouse is down");
        assertThat(first.get(1).succeeded()).isTrue();
        assertThat(second).extracting(Scheduler.Run::task).containsExactly("failing", "ok");
        assertThat(ran).containsExactly("failing 2026-03-02T06:00+01:00", "ok 2026-03-02T06:00+01:00",
                "failing 2026-03-03T06:00+01:00", "ok 2026-03-03T06:00+01:00");
    }

    @Test
    void aDailySlotRunsOnceOnDstDaysAtTheFirstMomentAfterASkippedTime() {
        List<String> ran = new ArrayList<>();
        Scheduler spring = new Scheduler(List.of(noting("night", "30 2 * * *", BERLIN, ran)),
                at("2026-03-28T12:00:00Z"));
        spring.runDue(Instant.parse("2026-03-31T00:00:00Z"));
        Scheduler autumn = new Scheduler(List.of(noting("night", "30 2 * * *", BERLIN, ran)),
                at("2026-10-24T12:00:00Z"));
        autumn.runDue(Instant.parse("2026-10-27T00:00:00Z"));

        // 02:30 does not exist on 29 March (02:00 -> 03:00) and exists twice on 25 October (03:00 -> 02:00)
        assertThat(ran).containsExactly("night 2026-03-29T03:00+02:00", "night 2026-03-30T02:30+02:00",
                "night 2026-10-25T02:30+02:00", "night 2026-10-26T02:30+01:00");
    }

    @Test
    void aScheduleWithNoDateHasNoNextSlot() {
        Scheduler scheduler = new Scheduler(List.of(noting("never", "0 6 30 2 *", BERLIN, new ArrayList<>())),
                at("2026-03-01T12:00:00Z"));

        assertThat(scheduler.nextSlots()).isEmpty();
        assertThat(scheduler.runDue(Instant.parse("2030-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void badCronExpressionsAreRefused() {
        assertThatThrownBy(() -> ScheduledTask.unixCron("61 * * * *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduledTask.unixCron("0 6 * *")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ScheduledTask.unixCron("30 6 * * mon").asString()).isEqualTo("30 6 * * 1");
    }

    @Test
    void itsThreadRunsASlotWhenItComesAndStopsOnClose() throws Exception {
        // a clock 300 ms before a minute starts, so that the every-minute slot comes almost at once
        Instant now = Instant.now();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(now, minute.minusMillis(300)));
        CountDownLatch ran = new CountDownLatch(1);
        List<ZonedDateTime> slots = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScheduledTask everyMinute = ScheduledTask.of("every-minute", "* * * * *", ZoneOffset.UTC, slot -> {
            slots.add(slot);
            ran.countDown();
        });

        try (Scheduler scheduler = new Scheduler(List.of(everyMinute), clock)) {
            scheduler.start();
            assertThat(ran.await(10, TimeUnit.SECONDS)).as("the slot ran").isTrue();
            assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class);
        }
        assertThat(slots.get(0).toInstant()).isEqualTo(minute);
    }
}
