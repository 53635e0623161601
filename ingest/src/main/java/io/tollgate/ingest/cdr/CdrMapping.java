package io.tollgate.ingest.cdr;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which column of a headered CDR file holds each field. By default a column is named as its field
 * ({@code call_id,a_number,b_number,start,duration_s,cost}, the reconcile format, plus {@code currency});
 * {@code --mapping b_number=DNIS,start=StartTime} renames some. Column names are matched case-insensitively.
 */
public final class CdrMapping {
    public static final List<String> FIELDS = List.of("call_id", "a_number", "b_number", "start", "duration_s", "cost",
            "currency");
    public static final List<String> REQUIRED = List.of("b_number", "start", "duration_s");

    private final Map<String, String> columnOf;

    private CdrMapping(Map<String, String> columnOf) {
        this.columnOf = columnOf;
    }

    public static CdrMapping identity() {
        Map<String, String> map = new LinkedHashMap<>();
        FIELDS.forEach(f -> map.put(f, f));
        return new CdrMapping(map);
    }

    /**
     * Parses {@code field=column,field=column}.
     *
     * @throws BadInputException naming the option when a field is unknown, given twice, or two fields share a column
     */
    public static CdrMapping parse(String spec) throws BadInputException {
        Map<String, String> map = new LinkedHashMap<>();
        FIELDS.forEach(f -> map.put(f, f));
        Map<String, String> given = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String field = eq < 0 ? "" : pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String column = eq < 0 ? "" : pair.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (field.isEmpty() || column.isEmpty()) {
                throw bad("'" + pair + "' is not field=column");
            }
            if (!FIELDS.contains(field)) {
                throw bad("'" + field + "' is not a CDR field; the fields are " + String.join(",", FIELDS));
            }
            if (given.put(field, column) != null) {
                throw bad("'" + field + "' is mapped twice");
            }
            map.put(field, column);
        }
        Map<String, String> fieldOf = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String other = fieldOf.put(e.getValue(), e.getKey());
            if (other != null && (given.containsKey(other) || given.containsKey(e.getKey()))) {
                throw bad("fields '" + other + "' and '" + e.getKey() + "' are both read from column '" + e.getValue() + "'");
            }
        }
        return new CdrMapping(map);
    }

    /** The column of {@code field}. */
    public String column(String field) {
        return columnOf.get(field);
    }

    private static BadInputException bad(String message) {
        return new BadInputException(new InputProblem("command line", 0, "--mapping", message));
    }
}
