package io.tollgate.core.csv;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV with a header row; fields are quoted only where RFC 4180 needs it, and every field is made safe to open
 * in a spreadsheet ({@link SpreadsheetSafe}): what Tollgate writes often carries what others sent (carrier CDR
 * files, call ids, numbers), and finance opens it in Excel.
 */
public final class CsvOutput implements Closeable, Flushable {
    private static final CsvMapper MAPPER = new CsvMapper();

    private final SequenceWriter rows;

    private CsvOutput(SequenceWriter rows) {
        this.rows = rows;
    }

    public static CsvOutput open(Writer out, List<String> header) throws IOException {
        SequenceWriter rows = MAPPER.writerFor(String[].class)
                .with(CsvSchema.emptySchema().withLineSeparator("\n"))
                .writeValues(out);
        rows.write(header.toArray(new String[0]));
        return new CsvOutput(rows);
    }

    /** Writes one row; a null value is written as an empty field (Jackson would drop it and shift the columns). */
    public void row(String... values) throws IOException {
        String[] fields = values.clone();
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i] == null ? "" : SpreadsheetSafe.cell(fields[i]);
        }
        rows.write(fields);
    }

    @Override
    public void flush() throws IOException {
        rows.flush();
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
