package io.tollgate.reports.export;

import io.tollgate.core.csv.CsvOutput;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * How an export is written. CSV fields are made spreadsheet-safe by {@link CsvOutput}; XLSX cells are typed, so a
 * text cell that begins with {@code =} is shown as text and never evaluated, and needs no apostrophe.
 */
public enum ExportFormat {
    CSV {
        @Override
        public void write(ExportTable table, OutputStream out) throws IOException {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CsvOutput csv = CsvOutput.open(writer, table.header())) {
                for (String[] row : table.rows()) {
                    csv.row(row);
                }
            }
        }
    },
    XLSX {
        @Override
        public void write(ExportTable table, OutputStream out) throws IOException {
            Workbook workbook = new Workbook(out, "Tollgate", "1.0");
            Worksheet sheet = workbook.newWorksheet(table.sheet());
            for (int c = 0; c < table.header().size(); c++) {
                sheet.value(0, c, table.header().get(c));
                sheet.style(0, c).bold().set();
            }
            int r = 1;
            for (String[] row : table.rows()) {
                for (int c = 0; c < row.length; c++) {
                    cell(sheet, r, c, row[c], table.numeric().get(c));
                }
                r++;
            }
            workbook.finish();
        }

        private void cell(Worksheet sheet, int row, int column, String value, boolean numeric) {
            if (value == null || value.isEmpty()) {
                return;
            }
            if (numeric) {
                sheet.value(row, column, new BigDecimal(value));
            } else {
                sheet.value(row, column, value);
            }
        }
    };

    /** Writes {@code table}; the stream is left open (the caller owns it), everything written is flushed. */
    public abstract void write(ExportTable table, OutputStream out) throws IOException;

    /**
     * Writes {@code table} to {@code file} whole or not at all: into {@code FILE.part} beside it, then moved over it,
     * so that a reader never sees half an export and a rerun replaces the file.
     */
    public void write(ExportTable table, Path file) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            write(table, out);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file name extension, without the dot: {@code csv} or {@code xlsx}. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }
}
