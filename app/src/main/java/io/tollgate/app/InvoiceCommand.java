package io.tollgate.app;

import io.tollgate.core.billing.BillingPeriod;
import io.tollgate.core.billing.Invoice;
import io.tollgate.core.billing.MissingFxRateException;
import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvOutput;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.reports.invoice.DeckDestinations;
import io.tollgate.reports.invoice.InvoiceDocuments;
import io.tollgate.reports.invoice.InvoiceStore;
import io.tollgate.reports.invoice.Invoicer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** {@code tollgate invoice}: one customer's invoice in one click, invoice runs, and the invoice life cycle. */
@Command(name = "invoice", mixinStandardHelpOptions = true,
        description = {"Invoices a customer for a billing period from the rated calls in ClickHouse and writes the"
                + " PDF and the CSV of its lines to --out (default: the configuration's invoices.output_dir).",
            "--period YYYY-MM is the period that starts in that month (a cycle starting on the 16th: 16th to 15th;"
                + " a weekly cycle: every week starting in it); YYYY-MM-DD is the period holding that day. Periods"
                + " are read in the customer's time zone.",
            "Without --final the invoice is a draft, rebuilt on every run. --final numbers it"
                + " (invoices.number_format, gapless) and it never changes again: rerunning returns it as it is.",
            "A call rated late, or re-rated, after its period was finalised is billed as an adjustment line on the"
                + " next invoice, never added to the closed one.",
            "Prints invoice,customer,period,status,currency,calls,net,tax,total,document for each invoice."},
        subcommands = {InvoiceCommand.Run.class, InvoiceCommand.ListInvoices.class, InvoiceCommand.Finalise.class,
            InvoiceCommand.Void.class, InvoiceCommand.Credit.class, InvoiceCommand.Verify.class},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:invoiced", "2:bad input (customer, period, missing exchange rate)",
            "1:ClickHouse failed, or any other failure"})
final class InvoiceCommand implements Callable<Integer> {
    private static final List<String> HEADER = List.of("invoice", "customer", "period", "status", "currency",
            "calls", "net", "tax", "total", "document");

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private Setup setup;

    @Option(names = "--customer", paramLabel = "ID", description = "the customer to invoice")
    private String customer;

    @Option(names = "--period", paramLabel = "YYYY-MM|YYYY-MM-DD", description = "the billing period")
    private String period;

    @Option(names = "--final", description = "finalise: number the invoice; it never changes again")
    private boolean finalise;

    @Option(names = "--dry-run", description = "print what would be invoiced; write nothing, not even documents")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (customer == null || period == null) {
            throw Options.bad(customer == null ? "--customer" : "--period", "required: tollgate invoice --customer ID"
                    + " --period YYYY-MM (or a subcommand: run, list, finalise, void, credit)");
        }
        TollgateConfig config = setup.config();
        Customer c = config.customer(customer).orElseThrow(() -> Options.bad("--customer", "'" + customer
                + "' is not a customer of " + config.source() + "; tollgate config check lists them"));
        List<Invoicer.Due> dues = periods(c, period).stream().map(p -> new Invoicer.Due(c, p)).toList();
        setup.invoice(spec, dues, finalise, dryRun, false);
        return Tollgate.OK;
    }

    /** The periods {@code text} names in {@code customer}'s cycle. */
    static List<BillingPeriod> periods(Customer customer, String text) throws BadInputException {
        try {
            return customer.billingCycle().periodsNamed(text);
        } catch (IllegalArgumentException e) {
            throw Options.bad("--period", e.getMessage());
        }
    }

    /** The configuration, the store and the output every invoice command shares. */
    static final class Setup {
        @Mixin
        ClickHouseAddress clickhouse;

        @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TOLLGATE_CONFIG:-tollgate.yaml}",
                description = "customers, taxes, currencies, exchange rates, the invoices section and"
                        + " services.clickhouse (default: $TOLLGATE_CONFIG, else tollgate.yaml here)")
        Path configFile;

        @Option(names = "--out", paramLabel = "DIR",
                description = "where PDFs and CSVs go, under <customer>/ (default: invoices.output_dir)")
        Path out;

        private TollgateConfig config;

        TollgateConfig config() throws BadInputException {
            if (config == null) {
                config = TollgateConfig.load(configFile);
            }
            return config;
        }

        /** Where ClickHouse is: the options, else the environment, else this --config's services.clickhouse. */
        ClickHouseAddress clickhouse() {
            return clickhouse.configuredBy(configFile);
        }

        Invoicer invoicer() throws BadInputException {
            TollgateConfig c = config();
            return new Invoicer(new InvoiceStore(clickhouse().clickHouse()), c.invoices(), c.fxRates(),
                    Clock.systemUTC(), new DeckDestinations());
        }

        InvoiceDocuments documents() throws BadInputException {
            return new InvoiceDocuments(config().invoices(), out != null ? out : config().invoices().outputDir());
        }

        Customer customer(String id) throws BadInputException {
            TollgateConfig loaded = config();
            return loaded.customer(id).orElseThrow(() -> new IllegalStateException("invoice of customer '" + id
                    + "', who is no longer in " + loaded.source()));
        }

        /**
         * Invoices {@code dues}, writes their documents (a few at a time) and prints one row per invoice; a run
         * shows progress and leaves out periods without calls.
         */
        void invoice(picocli.CommandLine.Model.CommandSpec spec, List<Invoicer.Due> dues, boolean finalise,
                     boolean dryRun, boolean run) throws Exception {
            Invoicer.Mode mode = dryRun ? Invoicer.Mode.DRY_RUN : finalise ? Invoicer.Mode.FINAL : Invoicer.Mode.DRAFT;
            List<Invoicer.Outcome> outcomes;
            try {
                outcomes = invoicer().invoice(dues, mode, !run);
            } catch (MissingFxRateException e) {
                throw Options.bad("--config", e.getMessage());
            }
            Map<Invoice, String> documents = dryRun ? Map.of() : documents(outcomes, run, spec);
            print(spec.commandLine().getOut(), outcomes.stream().map(o -> row(o.invoice(),
                    documents.getOrDefault(o.invoice(), ""))).toList());
        }

        private Map<Invoice, String> documents(List<Invoicer.Outcome> outcomes, boolean progress,
                                               picocli.CommandLine.Model.CommandSpec spec) throws Exception {
            InvoiceDocuments writer = documents();
            Map<Invoice, String> written = new ConcurrentHashMap<>();
            AtomicLong done = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1,
                    Math.min(4, Runtime.getRuntime().availableProcessors())));
            try (ProgressBar bar = progress ? ProgressBar.onTerminal(spec.commandLine().getErr()) : null) {
                if (bar != null) {
                    bar.stage("documents", outcomes.size());
                }
                List<Future<?>> futures = new ArrayList<>();
                for (Invoicer.Outcome o : outcomes) {
                    Customer c = o.due().customer();
                    futures.add(pool.submit(() -> {
                        written.put(o.invoice(), writer.write(o.invoice(), c).toString());
                        if (bar != null) {
                            bar.done(done.incrementAndGet());
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            return written;
        }
    }

    static List<String> row(Invoice i, String document) {
        return List.of(i.number().isEmpty() ? i.invoiceId() : i.number(), i.customerId(), i.period().toString(),
                i.status().label(), i.currency().getCurrencyCode(), Long.toString(i.coverage().calls()),
                i.amounts().net().toPlainString(), i.amounts().tax().toPlainString(),
                i.amounts().total().toPlainString(), document);
    }

    static void print(PrintWriter out, List<List<String>> rows) throws java.io.IOException {
        CsvOutput csv = CsvOutput.open(out, HEADER);
        for (List<String> r : rows) {
            csv.row(r.toArray(String[]::new));
        }
        csv.flush();
        out.flush();
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Invoices every customer due: each configured customer's periods that start in --period"
                    + " (YYYY-MM) and have ended by now, with a progress bar while documents are written.",
                "Periods without rated calls are left out."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:invoiced", "2:bad input", "1:ClickHouse failed, or any other failure"})
    static final class Run implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private Setup setup;

        @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "the month periods start in")
        private String period;

        @Option(names = "--customer", paramLabel = "ID", split = ",", description = "only these customers")
        private List<String> customers;

        @Option(names = "--final", description = "finalise (number) the invoices")
        private boolean finalise;

        @Option(names = "--dry-run", description = "print what would be invoiced; write nothing")
        private boolean dryRun;

        @Override
        public Integer call() throws Exception {
            if (period.length() != 7) {
                throw Options.bad("--period", "'" + period + "' is not a month such as 2026-03");
            }
            List<Invoicer.Due> dues = due(setup.config(), period, customers, java.time.Instant.now());
            setup.invoice(spec, dues, finalise, dryRun, true);
            return Tollgate.OK;
        }

        static List<Invoicer.Due> due(TollgateConfig config, String month, List<String> only, java.time.Instant now)
                throws BadInputException {
            List<Invoicer.Due> dues = new ArrayList<>();
            for (Customer c : config.customers()) {
                if (only != null && !only.contains(c.id())) {
                    continue;
                }
                for (BillingPeriod p : periods(c, month)) {
                    if (p.endedBy(now, c.timeZone())) {
                        dues.add(new Invoicer.Due(c, p));
                    }
                }
            }
            return dues;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists invoices and credit notes, newest period first:"
                    + " invoice,customer,period,status,currency,calls,net,tax,total,document (kind in place of"
                    + " document).")
    static final class ListInvoices implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private ClickHouseAddress clickhouse;

        @Option(names = "--customer", paramLabel = "ID", description = "only this customer's")
        private String customer;

        @Override
        public Integer call() throws Exception {
            InvoiceStore store = new InvoiceStore(clickhouse.clickHouse());
            List<InvoiceStore.Stored> stored = customer == null ? store.all() : store.forCustomer(customer);
            print(spec.commandLine().getOut(), stored.stream()
                    .map(s -> row(s.invoice(), s.invoice().kind().label())).toList());
            return Tollgate.OK;
        }
    }

    @Command(name = "finalise", aliases = "finalize", mixinStandardHelpOptions = true,
            description = "Finalises a draft invoice or credit note by id: rebuilt from the calls as they are now,"
                    + " numbered, and its documents written.")
    static final class Finalise implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private Setup setup;

        @Option(names = "--invoice", required = true, paramLabel = "ID", description = "the draft's id")
        private String reference;

        @Override
        public Integer call() throws Exception {
            Invoicer invoicer = setup.invoicer();
            InvoiceStore.Stored draft = invoicer.lookup(reference).orElseThrow(() -> Options.bad("--invoice",
                    "no invoice '" + reference + "'; tollgate invoice list shows them"));
            Customer c = setup.customer(draft.invoice().customerId());
            Invoicer.Outcome outcome = invoicer.finalise(reference, c);
            Path pdf = setup.documents().write(outcome.invoice(), c);
            print(spec.commandLine().getOut(), List.of(row(outcome.invoice(), pdf.toString())));
            return Tollgate.OK;
        }
    }

    @Command(name = "void", mixinStandardHelpOptions = true,
            description = "Voids a final invoice: its number stays used and is never given again; its calls can be"
                    + " invoiced again (`tollgate invoice` for the same period makes a new invoice).")
    static final class Void implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private Setup setup;

        @Option(names = "--invoice", required = true, paramLabel = "NUMBER", description = "the invoice's number")
        private String reference;

        @Override
        public Integer call() throws Exception {
            Invoice voided = setup.invoicer().voidInvoice(reference);
            Path pdf = setup.documents().write(voided, setup.customer(voided.customerId()));
            print(spec.commandLine().getOut(), List.of(row(voided, pdf.toString())));
            return Tollgate.OK;
        }
    }

    @Command(name = "credit", mixinStandardHelpOptions = true,
            description = "A credit note for the whole of a final invoice, referencing it; a draft unless --final"
                    + " (numbered in invoices.credit_note_format). Rerunning returns the same credit note.")
    static final class Credit implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private Setup setup;

        @Option(names = "--invoice", required = true, paramLabel = "NUMBER", description = "the invoice to credit")
        private String reference;

        @Option(names = "--final", description = "finalise (number) the credit note")
        private boolean finalise;

        @Override
        public Integer call() throws Exception {
            Invoicer invoicer = setup.invoicer();
            InvoiceStore.Stored credited = invoicer.lookup(reference).orElseThrow(() -> Options.bad("--invoice",
                    "no invoice '" + reference + "'; tollgate invoice list shows them"));
            Customer c = setup.customer(credited.invoice().customerId());
            Invoice note = invoicer.credit(reference, c, finalise);
            Path pdf = setup.documents().write(note, c);
            print(spec.commandLine().getOut(), List.of(row(note, pdf.toString())));
            return Tollgate.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Checks that a final invoice still covers what it says: recounts the calls recorded for it"
                    + " (invoice_cdrs) and recomputes their digest, an XOR of sipHash64 and cityHash64 of each"
                    + " (call_id, amount), so anyone can recompute it with SQL.",
                "Prints invoice,calls,amount,digest,recounted_calls,recounted_amount,recounted_digest,holds."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:it holds", "1:it does not hold, or any other failure", "2:bad input"})
    static final class Verify implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        private Setup setup;

        @Option(names = "--invoice", required = true, paramLabel = "NUMBER", description = "the final invoice")
        private String reference;

        @Override
        public Integer call() throws Exception {
            Invoicer.Check check = setup.invoicer().verify(reference);
            var said = check.invoice().coverage();
            var found = check.recounted();
            CsvOutput csv = CsvOutput.open(spec.commandLine().getOut(), List.of("invoice", "calls", "amount",
                    "digest", "recounted_calls", "recounted_amount", "recounted_digest", "holds"));
            csv.row(check.invoice().number(), Long.toString(said.calls()), said.amount().toPlainString(),
                    said.digest(), Long.toString(found.calls()), found.amount().toPlainString(), found.digest(),
                    Boolean.toString(check.holds()));
            csv.flush();
            return check.holds() ? Tollgate.OK : 1;
        }
    }
}
