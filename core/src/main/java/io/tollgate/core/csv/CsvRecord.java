package io.tollgate.core.csv;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** One data row of a CSV file with a header, and where it was. */
public final class CsvRecord {
    private final String source;
    private final long line;
    private final Map<String, Integer> columns;
    private final int headerSize;
    private final String[] values;

    CsvRecord(String source, long line, Map<String, Integer> columns, int headerSize, String[] values) {
        this.source = source;
        this.line = line;
        this.columns = columns;
        this.headerSize = headerSize;
        this.values = values;
    }

    /**
     * What is wrong with the row's shape, whatever its values: more fields than the header has columns. Empty when
     * the row is well formed. A short row is fine: its missing trailing fields are empty.
     */
    public List<InputProblem> shapeProblems() {
        if (values.length > headerSize) {
            return List.of(problem("", "has " + values.length + " fields but the header has " + headerSize));
        }
        return List.of();
    }

    /** The value of {@code column}, stripped; empty when the column is absent or the row is short. */
    public String get(String column) {
        Integer i = columns.get(column);
        if (i == null || i >= values.length || values[i] == null) {
            return "";
        }
        return values[i].strip();
    }

    public boolean has(String column) {
        return !get(column).isEmpty();
    }

    public long line() {
        return line;
    }

    public String source() {
        return source;
    }

    /** The row as read, for dead-letter and quarantine files. */
    public String[] values() {
        return values.clone();
    }

    /** The value of {@code field}; when it is empty, a problem is added to {@code problems}. */
    public String required(String field, List<InputProblem> problems) {
        String value = get(field);
        if (value.isEmpty()) {
            problems.add(problem(field, "is required"));
        }
        return value;
    }

    /** The required ISO-8601 time with an offset or Z in {@code field}; null (and a problem added) otherwise. */
    public Instant time(String field, List<InputProblem> problems) {
        String text = required(field, problems);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(problem(field, "'" + text + "' is not an ISO-8601 time with offset, like 2026-01-01T12:00:00Z"));
            return null;
        }
    }

    /** The required number of seconds >= 0 (a fraction allowed) in {@code field}; null (and a problem added) otherwise. */
    public BigDecimal seconds(String field, List<InputProblem> problems) {
        BigDecimal value = number(field, "a number of seconds >= 0", problems);
        return value == null || value.signum() >= 0 ? value : refused(field, "a number of seconds >= 0", problems);
    }

    /** The required decimal in {@code field}; null (and a problem added) otherwise. */
    public BigDecimal decimal(String field, List<InputProblem> problems) {
        return number(field, "a number", problems);
    }

    private BigDecimal number(String field, String expected, List<InputProblem> problems) {
        String text = required(field, problems);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Fields.decimal(text);
        } catch (NumberFormatException e) {
            return refused(field, expected, problems);
        }
    }

    private BigDecimal refused(String field, String expected, List<InputProblem> problems) {
        problems.add(problem(field, "'" + get(field) + "' is not " + expected));
        return null;
    }

    /** A problem with {@code field} of this row. */
    public InputProblem problem(String field, String message) {
        return new InputProblem(source, line, field, message);
    }
}
