package io.tollgate.ingest.cdr;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A headered CDR CSV, by default {@code call_id,a_number,b_number,start,duration_s,cost} (the reconcile format of
 * ARCHITECTURE.md) with an optional {@code currency}; other column names through a {@link CdrMapping}.
 *
 * <p>The header is checked before any row: a required column missing, a column named twice, a column without a
 * name, or a column that is neither mapped nor listed as ignored refuses the file (an unknown column is usually a
 * misspelt one, whose values would otherwise be lost without a word).
 */
public final class GenericCsv implements CdrFormat {
    public static final String NAME = "generic";

    private final CdrMapping mapping;
    private final Set<String> ignored;

    public GenericCsv(CdrMapping mapping, Set<String> ignoredColumns) {
        this.mapping = mapping;
        this.ignored = new TreeSet<>();
        ignoredColumns.forEach(c -> ignored.add(c.strip().toLowerCase(Locale.ROOT)));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hasHeader() {
        return true;
    }

    @Override
    public RowParser rows(RawRecord header, String source, CdrFields fields) throws BadInputException {
        Map<String, Integer> index = checkHeader(header, source);
        int callId = index.getOrDefault(mapping.column("call_id"), -1);
        int aNumber = index.getOrDefault(mapping.column("a_number"), -1);
        int bNumber = index.get(mapping.column("b_number"));
        int start = index.get(mapping.column("start"));
        int duration = index.get(mapping.column("duration_s"));
        int cost = index.getOrDefault(mapping.column("cost"), -1);
        int currency = index.getOrDefault(mapping.column("currency"), -1);
        int width = header.fields().size();
        return record -> {
            if (record.fields().size() > width) {
                throw new RowRefused("", "has " + record.fields().size() + " fields but the header has " + width);
            }
            return new CarrierCdr(record.line(),
                    value(record, callId),
                    fields.aNumber(mapping.column("a_number"), value(record, aNumber)),
                    fields.bNumber(mapping.column("b_number"), value(record, bNumber)),
                    fields.time(mapping.column("start"), value(record, start)),
                    CdrFields.duration(mapping.column("duration_s"), value(record, duration)),
                    CdrFields.cost(mapping.column("cost"), value(record, cost)),
                    CdrFields.currency(mapping.column("currency"), value(record, currency)));
        };
    }

    private static String value(RawRecord record, int index) {
        return index < 0 ? "" : record.field(index).strip();
    }

    private Map<String, Integer> checkHeader(RawRecord header, String source) throws BadInputException {
        List<InputProblem> problems = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Set<String> mapped = new TreeSet<>();
        CdrMapping.FIELDS.forEach(f -> mapped.add(mapping.column(f)));
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                problems.add(new InputProblem(source, header.line(), "", "column " + (i + 1)
                        + " of the header has no name (a trailing comma?)"));
            } else if (index.putIfAbsent(name, i) != null) {
                problems.add(new InputProblem(source, header.line(), name, "column appears twice in the header"));
            } else if (!mapped.contains(name) && !ignored.contains(name)) {
                problems.add(new InputProblem(source, header.line(), name, "unknown column; map it with --mapping "
                        + "FIELD=" + name + " or skip it with --ignore-columns " + name + " (columns read: "
                        + String.join(",", mapped) + ")"));
            }
        }
        for (String field : CdrMapping.REQUIRED) {
            String column = mapping.column(field);
            if (!index.containsKey(column)) {
                problems.add(new InputProblem(source, header.line(), column, "required column is missing from the header"
                        + (column.equals(field) ? "" : " (it holds " + field + ")")));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return index;
    }
}
