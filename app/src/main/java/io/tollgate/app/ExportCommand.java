package io.tollgate.app;

import io.tollgate.core.csv.CsvOutput;
import io.tollgate.reports.export.MarginExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tollgate export}: finance exports from the rated CDRs in ClickHouse. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Finance exports from the rated CDRs in ClickHouse, as CSV safe to open in a spreadsheet.",
        subcommands = {ExportCommand.Margin.class})
final class ExportCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "margin", mixinStandardHelpOptions = true,
            description = {"Margin of the rated calls set up in [--from, --to), grouped --by customer, vendor,"
                    + " destination (the customer deck's prefix) or day (UTC), one row per group and customer"
                    + " currency: " + Margin.HEADER + ".",
                "cost is the vendors' charge in the customer's currency (the call's own exchange rate);"
                    + " margin_pct = margin / revenue × 100. Calls that could not be rated are left out."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:exported", "2:bad input (times, --by)", "1:ClickHouse failed, or any other failure"})
    static final class Margin implements Callable<Integer> {
        static final String HEADER = "{by},currency,calls,answered,billed_minutes,revenue,cost,margin,margin_pct";

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private ClickHouseAddress clickhouse;

        @Option(names = "--from", paramLabel = "ISO-TIME", required = true, description = "first setup time included")
        private String from;

        @Option(names = "--to", paramLabel = "ISO-TIME", required = true, description = "first setup time excluded")
        private String to;

        @Option(names = "--by", paramLabel = "customer|vendor|destination|day", defaultValue = "customer",
                description = "how rows are grouped (default: ${DEFAULT-VALUE})")
        private String by;

        @Option(names = "--customer", paramLabel = "ID", description = "only this customer's calls")
        private String customer;

        @Option(names = "--vendor", paramLabel = "ID", description = "only calls this vendor carried")
        private String vendor;

        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        private Path out;

        @Override
        public Integer call() throws Exception {
            MarginExport.Query query;
            try {
                query = new MarginExport.Query(Options.time("--from", from), Options.time("--to", to), by(),
                        customer, vendor);
            } catch (IllegalArgumentException e) {
                throw Options.bad("--to", e.getMessage());
            }
            List<MarginExport.Row> rows = new MarginExport(clickhouse.clickHouse()).rows(query);
            try (Output output = new Output(out, spec.commandLine().getOut())) {
                try (CsvOutput csv = CsvOutput.open(output.writer(),
                        List.of(HEADER.replace("{by}", query.by().label()).split(",")))) {
                    for (MarginExport.Row r : rows) {
                        csv.row(r.key(), r.currency(), Long.toString(r.calls()), Long.toString(r.answered()),
                                r.billedMinutes().toPlainString(), r.revenue().toPlainString(),
                                r.cost().toPlainString(), r.margin().toPlainString(), r.marginPercent());
                    }
                }
                output.commit();
            }
            return Tollgate.OK;
        }

        private MarginExport.By by() throws io.tollgate.core.csv.BadInputException {
            try {
                return MarginExport.By.valueOf(by.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Options.bad("--by", "'" + by + "' is not one of customer, vendor, destination, day");
            }
        }
    }
}
