package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.reports.export.CallSelection;
import io.tollgate.reports.export.ExportFormat;
import io.tollgate.reports.export.ExportTable;
import io.tollgate.reports.export.MarginExport;
import io.tollgate.reports.export.TrafficExport;
import io.tollgate.reports.export.UnratedExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tollgate export}: finance exports from the rated CDRs in ClickHouse. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Finance exports from the rated CDRs in ClickHouse, as CSV (safe to open in a spreadsheet) or"
                + " XLSX (numbers as numbers).",
            "Every export takes the calls set up in [--from, --to), optionally of one --customer and one --vendor."},
        subcommands = {ExportCommand.Margin.class, ExportCommand.Traffic.class, ExportCommand.Unrated.class})
final class ExportCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The period, filters, format and target every export shares. */
    static final class Selection {
        @Mixin
        ClickHouseAddress clickhouse;

        @Option(names = "--from", paramLabel = "ISO-TIME", required = true, description = "first setup time included")
        String from;

        @Option(names = "--to", paramLabel = "ISO-TIME", required = true, description = "first setup time excluded")
        String to;

        @Option(names = "--customer", paramLabel = "ID", description = "only this customer's calls")
        String customer;

        @Option(names = "--vendor", paramLabel = "ID",
                description = "only calls this vendor carried (traffic: only the attempts offered to it)")
        String vendor;

        @Option(names = "--format", paramLabel = "csv|xlsx", defaultValue = "csv",
                description = "csv (default) or xlsx; xlsx needs --out")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;

        CallSelection calls() throws BadInputException {
            try {
                return new CallSelection(Options.time("--from", from), Options.time("--to", to), customer, vendor);
            } catch (IllegalArgumentException e) {
                throw Options.bad("--to", e.getMessage());
            }
        }

        ExportFormat format() throws BadInputException {
            ExportFormat chosen;
            try {
                chosen = ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Options.bad("--format", "'" + format + "' is not csv or xlsx");
            }
            if (chosen == ExportFormat.XLSX && out == null) {
                throw Options.bad("--out", "an xlsx export needs a file to go to: --out FILE.xlsx");
            }
            return chosen;
        }

        /** Writes the table to --out (whole or not at all) or to standard output. */
        /** What an export reads from the selected calls. */
        interface Reader {
            ExportTable table(CallSelection calls) throws Exception;
        }

        /** Checks the options, reads the table and writes it: what every export but margin does as it is. */
        void export(Reader reader, PrintWriter stdout) throws Exception {
            CallSelection calls = calls();
            ExportFormat chosen = format();
            write(reader.table(calls), chosen, stdout);
        }

        void write(ExportTable table, ExportFormat format, PrintWriter stdout) throws Exception {
            if (out == null) {
                ByteArrayOutputStream csv = new ByteArrayOutputStream();
                format.write(table, csv);
                stdout.print(csv.toString(StandardCharsets.UTF_8));
                stdout.flush();
                return;
            }
            format.write(table, out);
        }
    }

    @Command(name = "margin", mixinStandardHelpOptions = true,
            description = {"Margin of the rated calls, grouped --by customer, vendor, destination (the customer deck's"
                    + " prefix) or day (UTC), one row per group and customer currency:"
                    + " {by},currency,calls,answered,billed_minutes,revenue,cost,margin,margin_pct.",
                "cost is the vendors' charge in the customer's currency (the call's own exchange rate);"
                    + " margin_pct = margin / revenue × 100. Calls that could not be rated are left out: see"
                    + " `tollgate export unrated`."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:exported", "2:bad input (times, --by, --format)",
                "1:ClickHouse failed, or any other failure"})
    static final class Margin implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private Selection selection;

        @Option(names = "--by", paramLabel = "customer|vendor|destination|day", defaultValue = "customer",
                description = "how rows are grouped (default: ${DEFAULT-VALUE})")
        private String by;

        @Override
        public Integer call() throws Exception {
            CallSelection calls = selection.calls();
            MarginExport.By by = by();
            ExportFormat format = selection.format();
            MarginExport export = new MarginExport(selection.clickhouse.clickHouse());
            selection.write(MarginExport.table(by, export.rows(calls, by)), format, spec.commandLine().getOut());
            return Tollgate.OK;
        }

        private MarginExport.By by() throws BadInputException {
            try {
                return MarginExport.By.valueOf(by.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Options.bad("--by", "'" + by + "' is not one of customer, vendor, destination, day");
            }
        }
    }

    @Command(name = "traffic", mixinStandardHelpOptions = true,
            description = {"Traffic by vendor and destination: how the route attempts offered to each vendor went,"
                    + " one row per vendor and destination, sorted by vendor, then destination (ignoring case):"
                    + " vendor,destination,prefix,attempts,answered,asr_pct,ner_pct,billed_minutes,acd_min,pdd_ms.",
                "An attempt is one offer of a call to one vendor: a call tried on vendor A and carried by vendor B"
                    + " is an unanswered attempt for A and an answered one for B. --vendor keeps the attempts"
                    + " on that vendor; --customer the attempts of that customer's calls.",
                "destination and prefix: the longest prefix of the called number in the vendor's deck (the rows"
                    + " imported with `tollgate deck import` and in force during the period) and the name the deck"
                    + " gives it. Where the deck is not imported or has no row for the number, destination is the"
                    + " E.164 country, like 'country +44', and prefix its country calling code; a row without a name"
                    + " keeps its prefix and is named by its country.",
                "attempts = the attempts offered to the vendor; answered = those that carried the call.",
                "asr_pct (answer-seizure ratio) = answered / attempts x 100.",
                "ner_pct (network effectiveness ratio) = attempts answered or that reached the called user (Q.850"
                    + " cause 16, 17, 18, 19 or 21: busy, no answer, rejected) / attempts x 100.",
                "billed_minutes = the vendor's billed seconds of the answered attempts / 60 (a call the vendor's"
                    + " deck could not price adds none: see `tollgate export unrated`).",
                "acd_min (average call duration) = answer-to-hangup time of the answered attempts / answered,"
                    + " in minutes; empty when none was answered.",
                "pdd_ms (post-dial delay) = the average time from sending an attempt to its ringing or early"
                    + " media, over the attempts that reported one; empty when none did.",
                "Ratios have two decimals (pdd_ms none), rounded half up, from the exact counts. Unlike margin,"
                    + " calls that could not be rated are counted."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:exported", "2:bad input (times, --format)", "1:ClickHouse failed, or any other failure"})
    static final class Traffic implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private Selection selection;

        @Override
        public Integer call() throws Exception {
            selection.export(calls -> new TrafficExport(selection.clickhouse.clickHouse()).table(calls),
                    spec.commandLine().getOut());
            return Tollgate.OK;
        }
    }

    @Command(name = "unrated", mixinStandardHelpOptions = true,
            description = "The calls that could not be rated, or that the CDR job flagged (timed out, events missing,"
                    + " swept), one row each: call_id,customer,vendor,setup_time,b_number,duration_s,disposition,"
                    + "reason,flags.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:exported", "2:bad input (times, --format)", "1:ClickHouse failed, or any other failure"})
    static final class Unrated implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private Selection selection;

        @Override
        public Integer call() throws Exception {
            selection.export(calls -> new UnratedExport(selection.clickhouse.clickHouse()).table(calls),
                    spec.commandLine().getOut());
            return Tollgate.OK;
        }
    }
}
