package io.tollgate.ingest.cdr;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetters;
import io.tollgate.ingest.deadletter.Origin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Imports one carrier's or switch's CDR file into {@code carrier_cdrs}, refused rows to the dead-letter.
 *
 * <p>ClickHouse has no multi-statement transaction, so the import is made whole in three steps:
 * <ol>
 *   <li><b>check</b>: a first streaming pass parses every row and writes nothing. Anything wrong with the file as
 *   a whole (empty, not UTF-8, a bad header, an unclosed quote, every row refused) stops here, with nothing written.</li>
 *   <li><b>write</b>: a second pass writes the good rows under an import id derived from carrier and file digest,
 *   and the refused rows as dead letters with the same id as their batch. The ledger says {@code started}.</li>
 *   <li><b>complete</b>: the ledger says {@code complete}. If the write step fails (a server down, the file changed
 *   under us), what it wrote is deleted by import id and the ledger says {@code failed}.</li>
 * </ol>
 * A rerun is idempotent: the same file has the same digest, so a completed import is recognised and not redone, and
 * an interrupted one (even a killed process, which cannot clean up) is redone under the same import id and key,
 * replacing its rows.
 */
public final class CdrImport {
    public static final String REFUSED_BY = "cdr-import";
    private static final int EXAMPLES = 10;

    /** What to import. */
    public record Request(String carrier, Path file, CdrFormat format, ZoneId zone, NumberNormalizer numbers,
                          boolean replace) {
        String fileName() {
            return file.getFileName().toString();
        }

        CdrFields fields() {
            return new CdrFields(numbers, zone);
        }
    }

    /** The check pass: counts, the digest, and the first refused rows as examples. */
    public record Check(String digest, long rows, long refused, long bytes, List<InputProblem> examples) {
    }

    /** What an import did. {@code previous} is set, and nothing was written, when the file was imported before. */
    public record Result(String importId, Check check, long imported, long refused, String deadLetters,
                         Optional<CarrierCdrTable.Ledger> previous, int replacedImports) {
    }

    private final Request request;
    private final ImportProgress progress;
    private final Clock clock;

    public CdrImport(Request request, ImportProgress progress, Clock clock) {
        this.request = request;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Reads the whole file without writing anything.
     *
     * @throws BadInputException when the file as a whole cannot be imported
     */
    public Check check() throws Exception {
        List<InputProblem> examples = new ArrayList<>();
        long[] refused = {0};
        CdrScan.Totals totals = CdrScan.run(request.file(), request.format(), request.fields(), "checking", progress,
                new CdrScan.Visitor() {
                    @Override
                    public void accepted(long dataRow, CarrierCdr cdr) {
                    }

                    @Override
                    public void refused(long dataRow, RawRecord record, RowRefused why) {
                        refused[0]++;
                        if (examples.size() < EXAMPLES) {
                            examples.add(new InputProblem(request.file().toString(), record.line(), why.field(), why.getMessage()));
                        }
                    }
                });
        if (refused[0] == totals.rows()) {
            List<InputProblem> problems = new ArrayList<>();
            problems.add(new InputProblem(request.file().toString(), 0, "", "every one of its " + totals.rows()
                    + " rows is refused, so nothing is imported; is --format " + request.format().name()
                    + " right (or --mapping, --timezone)? The first rows:"));
            problems.addAll(examples);
            throw new BadInputException(problems);
        }
        return new Check(totals.digest(), totals.rows(), refused[0], totals.bytes(), List.copyOf(examples));
    }

    /** Writes a checked file, unless this carrier already has it. */
    public Result write(Check check, CarrierCdrTable table, DeadLetters deadLetters) throws Exception {
        String importId = importId(request.carrier(), check.digest());
        Optional<CarrierCdrTable.Ledger> previous = table.completed(request.carrier(), check.digest());
        if (previous.isPresent()) {
            return new Result(previous.get().importId(), check, 0, 0, deadLetters.describe(), previous, 0);
        }
        List<CarrierCdrTable.Ledger> replaced = table.otherContent(request.carrier(), request.fileName(), check.digest());
        if (!replaced.isEmpty() && !request.replace()) {
            throw new BadInputException(new InputProblem(request.file().toString(), 0, "--replace", "carrier "
                    + request.carrier() + " already has a different file named " + request.fileName() + " (import "
                    + replaced.get(0).importId() + ", " + replaced.get(0).imported() + " rows); rows are keyed by file"
                    + " name and row, so give this file its own name, or pass --replace to replace that file's rows"
                    + " (as for a Master.csv that has grown)"));
        }
        CarrierCdrTable.Ledger ledger = new CarrierCdrTable.Ledger(request.carrier(), check.digest(), importId,
                request.fileName(), request.format().name(), request.zone().getId(), check.rows(), 0, check.refused(),
                "started");
        table.record(ledger);
        try {
            // an interrupted earlier run of this same file may have left rows and letters under this id
            table.deleteImport(importId);
            deadLetters.withdraw(importId);
            long imported = writeRows(check, table, deadLetters, importId);
            if (!replaced.isEmpty()) {
                table.deleteOtherImportsOfFile(request.carrier(), request.fileName(), importId);
            }
            table.record(ledger.with("complete", check.rows(), imported, check.refused()));
            return new Result(importId, check, imported, check.refused(), deadLetters.describe(), Optional.empty(),
                    replaced.size());
        } catch (Exception e) {
            undo(table, deadLetters, ledger, e);
            throw e;
        }
    }

    private long writeRows(Check check, CarrierCdrTable table, DeadLetters deadLetters, String importId) throws Exception {
        String fileName = request.fileName();
        try (CarrierCdrTable.Writer rows = table.writer(request.carrier(), fileName, importId)) {
            CdrScan.Totals totals = CdrScan.run(request.file(), request.format(), request.fields(), "importing",
                    progress, new CdrScan.Visitor() {
                        @Override
                        public void accepted(long dataRow, CarrierCdr cdr) throws Exception {
                            rows.add(dataRow, cdr);
                        }

                        @Override
                        public void refused(long dataRow, RawRecord record, RowRefused why) throws Exception {
                            deadLetters.refuse(new DeadLetter(Origin.fileLine(fileName, record.line()), record.raw(),
                                    why.reason(), REFUSED_BY + " " + request.carrier(), importId, clock.instant()));
                        }
                    });
            if (!totals.digest().equals(check.digest())) {
                throw new IOException(request.file() + " changed while it was imported; import it again once it is"
                        + " complete");
            }
            rows.flush();
            deadLetters.flush();
            return rows.written();
        }
    }

    private static void undo(CarrierCdrTable table, DeadLetters deadLetters, CarrierCdrTable.Ledger ledger, Exception cause) {
        try {
            table.deleteImport(ledger.importId());
            deadLetters.withdraw(ledger.importId());
            table.record(ledger.with("failed", ledger.rows(), 0, 0));
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    /** Derived, not random: a rerun of the same file for the same carrier writes under the same id. */
    static String importId(String carrier, String digest) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((carrier + "\n" + digest).getBytes(StandardCharsets.UTF_8));
            return "cdr-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
