package io.tollgate.ingest.cdr;

import io.tollgate.core.csv.Fields;
import io.tollgate.core.numbers.InvalidNumberException;
import io.tollgate.core.numbers.NumberNormalizer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The values of CDR files, parsed strictly; each failure names the field. */
final class CdrFields {
    /** What switches write for a withheld or unknown caller: an empty A-number, not a refused row. */
    private static final Set<String> WITHHELD = Set.of("anonymous", "restricted", "private", "unknown", "unavailable");
    private static final BigDecimal MAX_DURATION = new BigDecimal("999999999.999");
    private static final BigDecimal MAX_COST = new BigDecimal("999999999999.999999");

    /** {@code 2026-03-02 09:15:00}, {@code 2026-03-02T09:15:00.250}: a local time, in the file's zone. */
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private final NumberNormalizer numbers;
    private final ZoneId zone;

    CdrFields(NumberNormalizer numbers, ZoneId zone) {
        this.numbers = numbers;
        this.zone = zone;
    }

    String bNumber(String field, String text) throws RowRefused {
        if (text.isEmpty()) {
            throw new RowRefused(field, "the dialled number is empty");
        }
        try {
            return numbers.normalize(text);
        } catch (InvalidNumberException e) {
            throw new RowRefused(field, e.getMessage());
        }
    }

    /** Empty when absent or withheld. */
    String aNumber(String field, String text) throws RowRefused {
        if (text.isEmpty() || WITHHELD.contains(text.toLowerCase(Locale.ROOT))) {
            return "";
        }
        try {
            return numbers.normalize(text);
        } catch (InvalidNumberException e) {
            throw new RowRefused(field, e.getMessage() + " (a withheld caller may be empty or 'anonymous')");
        }
    }

    /**
     * ISO-8601 with an offset or {@code Z}; or a local time in the file's zone. A local time that the zone skips
     * (the hour clocks go forward) is refused; one it repeats (clocks go back) is taken at its earlier offset.
     */
    Instant time(String field, String text) throws RowRefused {
        if (text.isEmpty()) {
            throw new RowRefused(field, "the time is empty");
        }
        try {
            if (text.endsWith("Z") || text.lastIndexOf('+') > 9 || text.lastIndexOf('-') > 9) {
                return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
            }
            LocalDateTime local = LocalDateTime.parse(text, LOCAL);
            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                throw new RowRefused(field, "'" + text + "' does not exist in " + zone
                        + " (the clocks skip it); is --timezone right?");
            }
            return local.toInstant(offsets.get(0));
        } catch (DateTimeParseException e) {
            throw new RowRefused(field, "'" + text + "' is not a time like 2026-03-02 09:15:00 or 2026-03-02T09:15:00Z");
        }
    }

    /** Seconds, whole or with up to 3 decimals, not negative. */
    static BigDecimal duration(String field, String text) throws RowRefused {
        BigDecimal value = decimal(field, text, "duration in seconds");
        if (value.signum() < 0 || value.compareTo(MAX_DURATION) > 0) {
            throw new RowRefused(field, "'" + text + "' is not a duration from 0 to " + MAX_DURATION.toPlainString() + " s");
        }
        return scaled(field, text, value, 3);
    }

    /** An amount with up to 6 decimals, not negative. */
    static BigDecimal cost(String field, String text) throws RowRefused {
        if (text.isEmpty()) {
            return BigDecimal.ZERO;
        }
        BigDecimal value = decimal(field, text, "amount");
        if (value.signum() < 0 || value.compareTo(MAX_COST) > 0) {
            throw new RowRefused(field, "'" + text + "' is not an amount from 0 to " + MAX_COST.toPlainString());
        }
        return scaled(field, text, value, 6);
    }

    /** Three letters, upper case; empty allowed. */
    static String currency(String field, String text) throws RowRefused {
        if (text.isEmpty()) {
            return "";
        }
        if (text.length() != 3 || !text.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new RowRefused(field, "'" + text + "' is not an ISO 4217 currency code such as EUR");
        }
        return text;
    }

    private static BigDecimal decimal(String field, String text, String what) throws RowRefused {
        try {
            return Fields.decimal(text);
        } catch (NumberFormatException e) {
            throw new RowRefused(field, "'" + text + "' is not a " + what);
        }
    }

    private static BigDecimal scaled(String field, String text, BigDecimal value, int decimals) throws RowRefused {
        try {
            return value.setScale(decimals);
        } catch (ArithmeticException e) {
            throw new RowRefused(field, "'" + text + "' has more than " + decimals + " decimals");
        }
    }
}
