package io.tollgate.core.rating;

import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.csv.InputProblem;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an import produced: the deck of the rows accepted and, for a quarantining import, the rows set aside.
 *
 * @param header the file's header, so quarantined rows can be written back in the file's own layout
 */
public record DeckImport(RateDeck deck, List<String> header, List<QuarantinedRow> quarantined) {

    public int acceptedRows() {
        return deck.rows().size();
    }

    /** Writes the quarantined rows as CSV: {@code line,field,reason} then the file's own columns, ready to fix. */
    public void writeQuarantine(Writer out) throws IOException {
        List<String> columns = new ArrayList<>(List.of("line", "field", "reason"));
        columns.addAll(header);
        try (CsvOutput csv = CsvOutput.open(out, columns)) {
            for (QuarantinedRow row : quarantined) {
                List<String> values = new ArrayList<>();
                values.add(Long.toString(row.line()));
                values.add(row.problems().stream().map(InputProblem::field).distinct().collect(Collectors.joining(";")));
                values.add(row.problems().stream().map(InputProblem::message).collect(Collectors.joining("; ")));
                values.addAll(row.values());
                csv.row(values.toArray(new String[0]));
            }
        }
    }
}
