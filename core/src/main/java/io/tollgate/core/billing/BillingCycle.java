package io.tollgate.core.billing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** When a customer's invoice periods start, in the customer's time zone. */
public sealed interface BillingCycle {

    /** The period that holds {@code day}. */
    BillingPeriod periodContaining(LocalDate day);

    /**
     * The periods that start in {@code month}: one for a monthly cycle, four or five for a weekly one. A period
     * belongs to the month it starts in, so {@code --period 2026-01} of a cycle starting on the 16th is 16 January
     * to 15 February.
     */
    default List<BillingPeriod> periodsStartingIn(YearMonth month) {
        List<BillingPeriod> periods = new ArrayList<>();
        BillingPeriod period = periodContaining(month.atDay(1));
        if (period.first().isBefore(month.atDay(1))) {
            period = periodContaining(period.last().plusDays(1));
        }
        while (!period.first().isAfter(month.atEndOfMonth())) {
            periods.add(period);
            period = periodContaining(period.last().plusDays(1));
        }
        return periods;
    }

    /**
     * The periods {@code text} names, as {@code tollgate invoice --period} and the console read it: {@code YYYY-MM}
     * the periods starting in that month, {@code YYYY-MM-DD} the period holding that day.
     *
     * @throws IllegalArgumentException saying what a period looks like
     */
    default List<BillingPeriod> periodsNamed(String text) {
        try {
            if (text.length() == 7) {
                return periodsStartingIn(YearMonth.parse(text));
            }
            return List.of(periodContaining(LocalDate.parse(text)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a month (2026-03) or a day (2026-03-16)");
        }
    }

    /** A period per calendar month, starting on {@code dayOfMonth} (1-28, so every month has it). */
    record Monthly(int dayOfMonth) implements BillingCycle {
        public Monthly {
            if (dayOfMonth < 1 || dayOfMonth > 28) {
                throw new IllegalArgumentException("a monthly cycle starts on a day 1-28, got " + dayOfMonth);
            }
        }

        @Override
        public BillingPeriod periodContaining(LocalDate day) {
            LocalDate first = day.withDayOfMonth(dayOfMonth);
            if (first.isAfter(day)) {
                first = first.minusMonths(1);
            }
            return new BillingPeriod(first, first.plusMonths(1).minusDays(1));
        }
    }

    /** A period per week, starting on {@code startsOn}. */
    record Weekly(DayOfWeek startsOn) implements BillingCycle {
        @Override
        public BillingPeriod periodContaining(LocalDate day) {
            LocalDate first = day.with(TemporalAdjusters.previousOrSame(startsOn));
            return new BillingPeriod(first, first.plusDays(6));
        }
    }

    /** Periods of {@code lengthDays} days, the first starting on {@code firstDay}. */
    record Custom(LocalDate firstDay, int lengthDays) implements BillingCycle {
        public Custom {
            if (lengthDays < 1) {
                throw new IllegalArgumentException("a custom cycle has periods of at least one day, got " + lengthDays);
            }
        }

        /** Days before {@code firstDay} fall into periods counted backwards, so every day has a period. */
        @Override
        public BillingPeriod periodContaining(LocalDate day) {
            long offset = Math.floorDiv(ChronoUnit.DAYS.between(firstDay, day), lengthDays);
            LocalDate first = firstDay.plusDays(offset * lengthDays);
            return new BillingPeriod(first, first.plusDays(lengthDays - 1L));
        }
    }
}
