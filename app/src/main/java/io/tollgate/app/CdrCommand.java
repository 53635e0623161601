package io.tollgate.app;

import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.ingest.cdr.AsteriskMaster;
import io.tollgate.ingest.cdr.CarrierCdrTable;
import io.tollgate.ingest.cdr.CdrFormat;
import io.tollgate.ingest.cdr.CdrImport;
import io.tollgate.ingest.cdr.CdrMapping;
import io.tollgate.ingest.cdr.GenericCsv;
import io.tollgate.ingest.deadletter.DeadLetterPublisher;
import io.tollgate.ingest.deadletter.DeadLetterTable;
import io.tollgate.ingest.deadletter.DeadLetters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate cdr}: carriers' and switches' CDR files. */
@Command(name = "cdr",
        mixinStandardHelpOptions = true,
        description = "Imports carriers' and switches' CDR files into ClickHouse (carrier_cdrs).",
        subcommands = {CdrCommand.Import.class})
final class CdrCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where refused rows go. */
    enum DeadLetterTarget { table, topic, both }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Loads a CDR file into carrier_cdrs: numbers normalised to E.164, times in the file's zone,"
                    + " file and line kept on each row. A file imported before (same content, by SHA-256) is not"
                    + " imported again. Rows that cannot be read go to the dead-letter; the good rows are imported.",
                "A file that cannot be imported as a whole (empty, not UTF-8, a bad header, every row refused) is"
                    + " refused with exit code 2 and nothing written."})
    static final class Import implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClickHouseAddress clickhouse;

        @Mixin
        KafkaAddress kafka;

        @Option(names = "--vendor", required = true, paramLabel = "ID", description = "the carrier or switch the file is from")
        String vendor;

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "the CDR file (UTF-8 CSV)")
        Path file;

        @Option(names = "--format", required = true, paramLabel = "FORMAT",
                description = "asterisk-master (Asterisk cdr_csv Master.csv, no header) or generic (headered CSV)")
        String format;

        @Option(names = "--mapping", paramLabel = "FIELD=COLUMN,...",
                description = "generic only: the file's column for each field of " + "call_id,a_number,b_number,"
                        + "start,duration_s,cost,currency (default: columns named as the fields)")
        String mapping;

        @Option(names = "--ignore-columns", paramLabel = "COLUMN,...", split = ",",
                description = "generic only: columns of the file that are not read")
        List<String> ignoreColumns = new ArrayList<>();

        @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
                description = "zone of times written without offset, such as Europe/Berlin (default: ${DEFAULT-VALUE})")
        String timezone;

        @Option(names = "--tech-prefix", paramLabel = "PREFIX", split = ",",
                description = "routing prefixes the switch puts before numbers, stripped before normalising")
        List<String> techPrefixes = new ArrayList<>();

        @Option(names = "--replace", description = "replace the rows of an earlier, different file of the same name"
                + " (a Master.csv that has grown)")
        boolean replace;

        @Option(names = "--dry-run", description = "check the whole file and report; write nothing")
        boolean dryRun;

        @Option(names = "--dead-letter", paramLabel = "table|topic|both", defaultValue = "both",
                description = "where refused rows go: ClickHouse dead_letters, Kafka tollgate.dead-letter, or both"
                        + " (default: ${DEFAULT-VALUE})")
        DeadLetterTarget deadLetter;

        @Override
        public Integer call() throws Exception {
            CdrImport.Request request = new CdrImport.Request(vendor, file, format(), zone(),
                    new NumberNormalizer(techPrefixes), replace);
            PrintWriter out = spec.commandLine().getOut();
            try (ProgressBar progress = ProgressBar.onTerminal(spec.commandLine().getErr())) {
                return importFile(request, progress, out);
            }
        }

        private int importFile(CdrImport.Request request, ProgressBar progress, PrintWriter out) throws Exception {
            CdrImport cdrImport = new CdrImport(request, progress, Clock.systemUTC());
            CdrImport.Check check = cdrImport.check();
            progress.clear();
            if (dryRun) {
                out.printf("checked %s: %d rows, %d would be imported, %d refused (nothing written)%n",
                        file, check.rows(), check.rows() - check.refused(), check.refused());
                examples(out, check.examples());
                return Tollgate.OK;
            }
            // resolved before anything is written: a configuration that is refused leaves nothing half done
            String bootstrap = deadLetter == DeadLetterTarget.table ? null : kafka.bootstrap();
            try (Connection db = clickhouse.connect(); DeadLetters letters = deadLetters(db, bootstrap)) {
                CdrImport.Result result = cdrImport.write(check, new CarrierCdrTable(db), letters);
                progress.clear();
                if (result.previous().isPresent()) {
                    CarrierCdrTable.Ledger was = result.previous().get();
                    out.printf("already imported: %s has the same content (SHA-256 %s) as import %s of %s"
                                    + " (%d rows imported, %d refused); nothing written%n", file,
                            check.digest().substring(0, 12), was.importId(), was.fileName(), was.imported(), was.refused());
                    return Tollgate.OK;
                }
                out.printf("imported %d of %d rows of %s for %s (import %s)%n", result.imported(), check.rows(),
                        file, vendor, result.importId());
                if (result.replacedImports() > 0) {
                    out.printf("replaced the rows of %d earlier import(s) of %s%n", result.replacedImports(),
                            file.getFileName());
                }
                if (result.refused() > 0) {
                    out.printf("refused %d rows, sent to %s; inspect them with: tollgate deadletter list --batch %s%n",
                            result.refused(), result.deadLetters(), result.importId());
                    examples(out, check.examples());
                }
            }
            return Tollgate.OK;
        }

        private DeadLetters deadLetters(Connection db, String bootstrap) {
            List<DeadLetters> sinks = new ArrayList<>();
            if (deadLetter != DeadLetterTarget.topic) {
                sinks.add(new DeadLetterTable(db));
            }
            if (deadLetter != DeadLetterTarget.table) {
                sinks.add(DeadLetterPublisher.connect(bootstrap));
            }
            return DeadLetters.all(sinks);
        }

        private static void examples(PrintWriter out, List<InputProblem> examples) {
            examples.forEach(p -> out.println("  " + p));
        }

        private CdrFormat format() throws Exception {
            if (format.equals(AsteriskMaster.NAME)) {
                if (mapping != null || !ignoreColumns.isEmpty()) {
                    throw Options.bad("--mapping", "applies to --format generic only; " + AsteriskMaster.NAME
                            + " has fixed fields");
                }
                return new AsteriskMaster();
            }
            if (format.equals(GenericCsv.NAME)) {
                return new GenericCsv(mapping == null ? CdrMapping.identity() : CdrMapping.parse(mapping),
                        new java.util.HashSet<>(ignoreColumns));
            }
            throw Options.bad("--format", "'" + format + "' is not a CDR format; use " + AsteriskMaster.NAME
                    + " or " + GenericCsv.NAME);
        }

        private ZoneId zone() throws Exception {
            try {
                return ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw Options.bad("--timezone", "'" + timezone + "' is not a time zone such as UTC or Europe/Berlin");
            }
        }
    }
}
