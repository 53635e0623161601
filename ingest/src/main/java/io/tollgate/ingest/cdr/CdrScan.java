package io.tollgate.ingest.cdr;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One streaming pass over a CDR file: every data record is either a CDR or a refused row. */
final class CdrScan {
    private static final int PROGRESS_EVERY = 20_000;

    /** What one pass sees, in file order. */
    interface Visitor {
        void accepted(long dataRow, CarrierCdr cdr) throws Exception;

        void refused(long dataRow, RawRecord record, RowRefused why) throws Exception;
    }

    /** The file's SHA-256 and how many data rows it has. */
    record Totals(String digest, long rows, long bytes) {
    }

    private CdrScan() {
    }

    static Totals run(Path file, CdrFormat format, CdrFields fields, String pass, ImportProgress progress,
                      Visitor visitor) throws Exception {
        // opened first: a missing file is bad input ("no such file", exit 2), not an I/O failure
        try (CsvRecords records = CsvRecords.open(file)) {
            long size = Files.size(file);
            RawRecord first = records.next();
            if (first == null) {
                throw new BadInputException(new InputProblem(file.toString(), 0, "", size == 0 ? "is empty"
                        : "has no CSV records (only blank lines)"));
            }
            CdrFormat.RowParser parser = format.rows(format.hasHeader() ? first : null, file.toString(), fields);
            RawRecord record = format.hasHeader() ? records.next() : first;
            if (record == null) {
                throw new BadInputException(new InputProblem(file.toString(), 0, "", "has a header but no CDR rows"));
            }
            long rows = 0;
            for (; record != null; record = records.next()) {
                rows++;
                try {
                    visitor.accepted(rows, parser.parse(record));
                } catch (RowRefused why) {
                    visitor.refused(rows, record, why);
                }
                if (rows % PROGRESS_EVERY == 0) {
                    progress.at(pass, records.bytesRead(), size, rows);
                }
            }
            progress.at(pass, records.bytesRead(), size, rows);
            return new Totals(records.digest(), rows, records.bytesRead());
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
