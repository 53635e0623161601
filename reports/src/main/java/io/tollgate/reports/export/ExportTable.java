package io.tollgate.reports.export;

import java.util.List;
import java.util.Objects;

/**
 * An export as rows of text, with which columns hold numbers: CSV writes them all as text, XLSX writes the numeric
 * ones as numbers so that finance can sum them.
 */
public record ExportTable(String sheet, List<String> header, List<Boolean> numeric, List<String[]> rows) {

    public ExportTable {
        Objects.requireNonNull(sheet, "sheet is required");
        header = List.copyOf(header);
        numeric = List.copyOf(numeric);
        rows = List.copyOf(rows);
        if (numeric.size() != header.size()) {
            throw new IllegalArgumentException("one numeric flag per column: " + header.size() + " columns, "
                    + numeric.size() + " flags");
        }
    }
}
