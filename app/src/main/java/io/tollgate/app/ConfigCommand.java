package io.tollgate.app;

import io.tollgate.core.billing.BillingCycle;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.DeckRef;
import io.tollgate.ingest.config.ServiceAddresses;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.config.Vendor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code tollgate config}: the reference data file, tollgate.yaml. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        description = "Checks Tollgate's configuration file (customers, vendors, service addresses).",
        subcommands = {ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Loads the configuration with the environment's overrides and prints a summary",
                "(passwords masked), or every problem, each named by line and key path.",
                "Environment overrides: $TOLLGATE_KAFKA_BOOTSTRAP, $TOLLGATE_FLINK_REST,",
                "  $TOLLGATE_CLICKHOUSE_URL, $TOLLGATE_CLICKHOUSE_DATABASE,",
                "  $TOLLGATE_CLICKHOUSE_USER, $TOLLGATE_CLICKHOUSE_PASSWORD,",
                "  $TOLLGATE_ARI_URL, $TOLLGATE_ARI_USER, $TOLLGATE_ARI_PASSWORD."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:ok", "1:any other failure", "2:bad input (every problem is listed)"})
    static final class Check implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TOLLGATE_CONFIG:-tollgate.yaml}",
                description = "the configuration (default: $TOLLGATE_CONFIG, else tollgate.yaml here)")
        Path config;

        @Override
        public Integer call() throws Exception {
            TollgateConfig loaded = TollgateConfig.load(config);
            PrintWriter out = spec.commandLine().getOut();
            out.println(config + ": ok");
            out.println("customers: " + loaded.customers().size());
            for (Customer c : loaded.customers()) {
                out.printf("  %s (%s): %s, %s, %s; endpoints %s; limits %d calls, %d cps, credit %s; deck %s%n",
                        c.id(), c.name(), c.currency(), c.timeZone(), cycle(c.billingCycle()),
                        String.join(",", c.endpoints()), c.limits().concurrentCalls(), c.limits().cps(),
                        c.limits().credit().toPlainString(), deck(c.deck()));
            }
            int trunks = loaded.vendors().stream().mapToInt(v -> v.trunks().size()).sum();
            out.println("vendors: " + loaded.vendors().size() + " (" + trunks + " trunks)");
            for (Vendor v : loaded.vendors()) {
                out.printf("  %s (%s): %s; trunks %s; deck %s%n", v.id(), v.name(), v.currency(),
                        v.trunks().stream().map(t -> t.endpoint() + " x" + t.capacity()).collect(Collectors.joining(",")),
                        deck(v.deck()));
            }
            FraudRuleSet fraud = loaded.fraud();
            out.printf("fraud: %s; %d high-risk prefixes; %d default thresholds overridden; own thresholds,"
                    + " exemptions or schedules for %d customers (tollgate fraud rules shows them all)%n",
                    fraud.drl() == null ? "the shipped checklist" : "rules from " + fraud.drlSource(),
                    fraud.highRisk().size(), fraud.defaults().size(), customersWithOwnSettings(fraud));
            io.tollgate.ingest.config.InvoiceSettings invoices = loaded.invoices();
            out.printf("invoices: issued by %s; numbered %s, credit notes %s; due in %d days; %d scheduled runs;"
                    + " documents in %s%n", invoices.issuer().name(), invoices.invoiceNumbers().pattern(),
                    invoices.creditNoteNumbers().pattern(), invoices.paymentDays(), invoices.schedules().size(),
                    invoices.outputDir());
            out.println("exports: " + loaded.exports().size() + " scheduled" + loaded.exports().stream()
                    .map(e -> " " + e.name() + " (" + e.kind().label() + (e.by() == null ? "" : " by " + e.by()) + ", '"
                            + e.cron() + "' " + e.zone() + ", " + e.range() + ", " + e.format() + " to " + e.outDir() + ")")
                    .collect(Collectors.joining(";", loaded.exports().isEmpty() ? "" : ":", "")));
            out.println("console: " + (loaded.console().tokens().isEmpty() ? "no tokens (tollgate serve starts no console)"
                    : "listens at " + loaded.console().host() + ":" + loaded.console().port() + "; tokens " + loaded.console().tokens()));
            ServiceAddresses s = loaded.services();
            out.println("services:");
            out.println("  kafka: " + s.kafkaBootstrap());
            out.println("  clickhouse: " + s.clickhouse().url() + " database " + s.clickhouse().database()
                    + " user " + s.clickhouse().user() + " password " + s.clickhouse().password());
            out.println("  ari: " + s.ari().url() + " user " + s.ari().user() + " password " + s.ari().password());
            out.println("  flink: " + s.flinkRest());
            return Tollgate.OK;
        }

        private static long customersWithOwnSettings(FraudRuleSet fraud) {
            java.util.Set<String> ids = new java.util.HashSet<>(fraud.customers().keySet());
            ids.addAll(fraud.exempt().keySet());
            ids.addAll(fraud.schedules().keySet());
            ids.remove(io.tollgate.core.fraud.FraudProfiles.DEFAULTS);
            return ids.size();
        }

        private static String cycle(BillingCycle cycle) {
            if (cycle instanceof BillingCycle.Monthly m) {
                return "monthly from day " + m.dayOfMonth();
            }
            if (cycle instanceof BillingCycle.Weekly w) {
                return "weekly from " + w.startsOn().name().toLowerCase(java.util.Locale.ROOT);
            }
            BillingCycle.Custom c = (BillingCycle.Custom) cycle;
            return "every " + c.lengthDays() + " days from " + c.firstDay();
        }

        private static String deck(DeckRef deck) {
            return deck instanceof DeckRef.DeckFile f ? Path.of("").toAbsolutePath().relativize(f.path()).toString()
                    : "id " + ((DeckRef.DeckId) deck).id();
        }
    }
}
