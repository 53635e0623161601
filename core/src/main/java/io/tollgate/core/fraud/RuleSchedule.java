package io.tollgate.core.fraud;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a rule is worth firing, in the customer's time zone: some patterns are only suspicious at night or at weekends,
 * when a customer's own staff is not dialling. {@code from} equal to {@code to} means the whole day; {@code from}
 * after {@code to} wraps midnight (22:00–06:00). A time at {@code to} is outside.
 */
public record RuleSchedule(Set<DayOfWeek> weekdays, LocalTime from, LocalTime to) {

    /** {@code mon-fri 20:00-08:00}, {@code sat,sun 00:00-24:00}, {@code mon-sun 22:00-06:00}. */
    private static final Pattern SPEC = Pattern.compile("([a-z,-]+) ([0-9]{2}:[0-9]{2})-([0-9]{2}:[0-9]{2})");

    public static final RuleSchedule ALWAYS = new RuleSchedule(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT,
            LocalTime.MIDNIGHT);

    public RuleSchedule {
        Objects.requireNonNull(weekdays, "weekdays are required");
        if (weekdays.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one weekday");
        }
        weekdays = Set.copyOf(weekdays);
        Objects.requireNonNull(from, "from is required");
        Objects.requireNonNull(to, "to is required");
    }

    /**
     * Reads {@code days from-to}: days as {@code mon-fri} (a range, wrapping past Sunday) or {@code sat,sun} (a list),
     * times as {@code HH:mm}, {@code 24:00} meaning the end of the day.
     */
    public static RuleSchedule parse(String spec) {
        Matcher m = SPEC.matcher(spec.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("a schedule is 'days from-to', like 'mon-fri 20:00-08:00', got '"
                    + spec + "'");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : m.group(1).split(",")) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("bad weekday range '" + part + "' in '" + spec + "'");
            }
            DayOfWeek first = day(range[0], spec);
            DayOfWeek last = day(range[range.length - 1], spec);
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return new RuleSchedule(days, time(m.group(2), spec), time(m.group(3), spec));
    }

    private static DayOfWeek day(String text, String spec) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(text) && text.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a weekday (mon, tue, ... sun) in '" + spec + "'");
    }

    private static LocalTime time(String text, String spec) {
        if (text.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day (HH:mm) in '" + spec + "'", e);
        }
    }

    /** The schedule as {@link #parse} reads it: {@code mon,tue,wed 20:00-08:00}, or {@code mon-sun ...} for every day. */
    public String spec() {
        String days = weekdays.size() == 7 ? "mon-sun" : String.join(",", java.util.Arrays.stream(DayOfWeek.values())
                .filter(weekdays::contains).map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT)).toList());
        String end = to.equals(LocalTime.MIDNIGHT) ? "24:00" : to.toString();
        return days + " " + from + "-" + end;
    }

    /** Whether {@code at} falls in the schedule, read in {@code zone}. A night shift counts for the day it began. */
    public boolean covers(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (from.equals(to)) {
            return weekdays.contains(day);
        }
        if (from.isBefore(to)) {
            return weekdays.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        return (!time.isBefore(from) && weekdays.contains(day))
                || (time.isBefore(to) && weekdays.contains(day.minus(1)));
    }
}
