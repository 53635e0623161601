package io.tollgate.reports.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The whole calendar period before a slot, in the slot's zone: what a scheduled export covers, whatever the time of
 * day it runs at. Days begin at midnight local time (or the first moment after it, on a day whose midnight a DST change
 * skips), weeks on Monday, months on the 1st; a period is half-open, [from, to), so the DST days are 23 or 25 hours
 * long and consecutive periods neither overlap nor leave a gap.
 */
public enum PreviousPeriod {
    /** The day before the slot's day. */
    DAY,
    /** The Monday-to-Sunday week before the slot's week. */
    WEEK,
    /** The month before the slot's month. */
    MONTH;

    /** @param to exclusive */
    public record Range(ZonedDateTime from, ZonedDateTime to) {
        public Range {
            Objects.requireNonNull(from, "from is required");
            Objects.requireNonNull(to, "to is required");
        }
    }

    /** The period before the one {@code slot} is in, in the slot's zone. */
    public Range before(ZonedDateTime slot) {
        LocalDate day = slot.toLocalDate();
        LocalDate end = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        LocalDate start = switch (this) {
            case DAY -> end.minusDays(1);
            case WEEK -> end.minusWeeks(1);
            case MONTH -> end.minusMonths(1);
        };
        ZoneId zone = slot.getZone();
        return new Range(start.atStartOfDay(zone), end.atStartOfDay(zone));
    }

    /** As tollgate.yaml names it: {@code previous_day}, {@code previous_week}, {@code previous_month}. */
    public String configName() {
        return "previous_" + name().toLowerCase(Locale.ROOT);
    }

    /** The period tollgate.yaml names {@code name}. */
    public static PreviousPeriod named(String name) {
        return Arrays.stream(values()).filter(p -> p.configName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not one of previous_day,"
                        + " previous_week, previous_month"));
    }
}
