package io.tollgate.ingest.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of {@code exports:}: a finance export that {@code tollgate serve} writes by itself at every slot of its
 * cron schedule, covering the calendar period before the slot, to {@code outDir/NAME-FROM.FORMAT} (FROM is the
 * period's first day, so a rerun for the same period replaces the same file).
 *
 * @param name unique among the exports; begins the file names
 * @param by what a margin export groups by ({@link #BY}); null for the other kinds
 * @param cron UNIX cron schedule, five fields (minute hour day-of-month month day-of-week), checked when read
 * @param zone the zone the schedule, and the days, weeks and months of the range, are read in
 * @param range one of {@link #RANGES}: the day, Monday-to-Sunday week or month before the slot's
 * @param format one of {@link #FORMATS}
 * @param customer only this customer's calls, or null for all
 * @param vendor only this vendor's calls (margin and unrated: the vendor that carried them; traffic: each
 *     attempt's), or null for all
 */
public record ScheduledExport(String name, Kind kind, String by, String cron, ZoneId zone, String range,
                              String format, Path outDir, String customer, String vendor) {

    /** Which export: as {@code tollgate export margin|traffic|unrated}. */
    public enum Kind {
        MARGIN, TRAFFIC, UNRATED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a margin export may be grouped by, as {@code tollgate export margin --by}. */
    public static final List<String> BY = List.of("customer", "vendor", "destination", "day");
    public static final List<String> RANGES = List.of("previous_day", "previous_week", "previous_month");
    public static final List<String> FORMATS = List.of("csv", "xlsx");

    public ScheduledExport {
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(cron, "cron is required");
        Objects.requireNonNull(zone, "zone is required");
        Objects.requireNonNull(range, "range is required");
        Objects.requireNonNull(format, "format is required");
        Objects.requireNonNull(outDir, "outDir is required");
        if ((kind == Kind.MARGIN) != (by != null)) {
            throw new IllegalArgumentException("a margin export, and only one, is grouped by something: " + name);
        }
    }
}
