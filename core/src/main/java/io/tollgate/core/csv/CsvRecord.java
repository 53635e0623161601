package io.tollgate.core.csv;

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

    /** A problem with {@code field} of this row. */
    public InputProblem problem(String field, String message) {
        return new InputProblem(source, line, field, message);
    }
}
