package io.tollgate.app;

import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.config.Vendor;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.sim.SwitchSim;
import io.tollgate.sim.VendorLeg;
import io.tollgate.sim.traffic.CarrierBill;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Finance's part of the demo, through the same commands finance runs: a draft invoice of each customer's current
 * period, the run's margin by customer, and the reconciliation of the busiest vendor's bill, a CDR file its
 * simulated switch wrote with four discrepancies of the kinds carriers' bills have.
 */
final class DemoFinance {
    /** One discrepancy of each kind the reconciliation reports. */
    static final Map<String, Integer> INJECTED = Map.of("missing_theirs", 1, "missing_ours", 1,
            "duration_mismatch", 1, "cost_mismatch", 1);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** What finance got: invoice rows, the files, the bill's injected discrepancies and what reconciliation found. */
    record Outcome(List<CsvRecord> invoices, Path margin, String vendor, Path carrierFile,
                   List<CarrierBill.Injected> injected, List<CsvRecord> reconciliation, Path disputes) {
    }

    private final TollgateConfig config;
    private final Path configFile;
    private final ClickHouseDatabase db;
    private final Path dir;
    private final Instant from;
    private final Instant to;

    DemoFinance(TollgateConfig config, Path configFile, ClickHouseDatabase db, Path dir, Instant from, Instant to) {
        this.config = config;
        this.configFile = configFile;
        this.db = db;
        this.dir = dir;
        this.from = from;
        this.to = to;
    }

    Outcome run(SwitchSim sim, DemoTraffic traffic) throws Exception {
        List<CsvRecord> invoices = invoices(traffic);
        Path margin = dir.resolve("margin-by-customer.csv");
        command("export", "margin", "--from", from.toString(), "--to", to.toString(), "--by", "customer",
                "--out", margin.toString());
        // the vendor's own switch saw what it carried: the busiest trunk's legs make its bill
        Map<String, List<VendorLeg>> byTrunk = (sim != null ? sim.vendorLegs() : carriedAsWeSawThem()).stream()
                .collect(Collectors.groupingBy(VendorLeg::trunk, LinkedHashMap::new, Collectors.toList()));
        String trunk = byTrunk.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size()))
                .map(Map.Entry::getKey).orElse(null);
        Vendor vendor = trunk == null ? null : vendorOf(trunk);
        RateDeck deck = vendor == null ? null : DemoTraffic.read(vendor.deck());
        if (deck == null) {
            // nothing carried, or a vendor priced from the deck store, whose bill the demo cannot price
            return new Outcome(invoices, margin, null, null, List.of(), List.of(), null);
        }
        Path carrier = dir.resolve("carrier").resolve(vendor.id() + "-" + FILE_TIME.format(Instant.now()) + ".csv");
        Files.createDirectories(carrier.getParent());
        CarrierBill.Result bill = CarrierBill.write(carrier, byTrunk.get(trunk), trunk, deck, INJECTED,
                new SplittableRandom(from.toEpochMilli()));
        answerKey(bill, carrier.resolveSibling(carrier.getFileName().toString().replace(".csv", "-injected.csv")));
        Path disputes = dir.resolve("disputes");
        return new Outcome(invoices, margin, vendor.id(), carrier, bill.injected(),
                reconcile(vendor.id(), carrier, disputes), disputes);
    }

    /** A draft of each calling customer's current period, as {@code tollgate invoice} prints it. */
    private List<CsvRecord> invoices(DemoTraffic traffic) throws Exception {
        List<CsvRecord> invoices = new ArrayList<>();
        for (DemoTraffic.Line line : traffic.lines()) {
            String today = LocalDate.now(line.customer().timeZone()).toString();
            invoices.addAll(csv(command("invoice", "--customer", line.customer().id(), "--period", today,
                    "--config", configFile.toString(), "--out", dir.resolve("invoices").toString())));
        }
        return invoices;
    }

    /** The bill imported as a carrier's CDRs, then reconciled against ours: the summary rows. */
    private List<CsvRecord> reconcile(String vendor, Path bill, Path disputes) throws Exception {
        command("cdr", "import", "--vendor", vendor, "--file", bill.toString(), "--format", "generic",
                "--bootstrap", config.services().kafkaBootstrap());
        return csv(command("reconcile", "--vendor", vendor, "--from", from.toString(), "--to", to.toString(),
                "--file", bill.getFileName().toString(), "--out-dir", disputes.toString()));
    }

    /**
     * Without the simulator nobody else kept the vendors' record (the local Asterisk's simulated vendors write no
     * CDRs): the calls each vendor carried are taken from our rated CDRs, on the vendor's first trunk.
     */
    private List<VendorLeg> carriedAsWeSawThem() throws java.sql.SQLException {
        List<VendorLeg> legs = new ArrayList<>();
        for (DemoLedger.Carried c : new DemoLedger(db, from, to).carried()) {
            config.vendor(c.vendor()).ifPresent(v -> legs.add(new VendorLeg(v.trunks().get(0).endpoint(),
                    c.bNumber().replace("+", ""), c.aNumber(), c.answered(), c.ended())));
        }
        return legs;
    }

    private Vendor vendorOf(String trunk) {
        return config.vendors().stream().filter(v -> v.trunks().stream().anyMatch(t -> t.endpoint().equals(trunk)))
                .findFirst().orElseThrow(() -> new IllegalStateException("trunk " + trunk + " is no vendor's"));
    }

    /** What was put into the bill, for whoever checks the reconciliation: the class and the number of each. */
    private static void answerKey(CarrierBill.Result bill, Path file) throws java.io.IOException {
        try (CsvOutput out = CsvOutput.open(Files.newBufferedWriter(file), List.of("class", "b_number", "answered_at",
                "their_cost", "impact"))) {
            for (CarrierBill.Injected i : bill.injected()) {
                out.row(i.discrepancy().code(), i.bNumber(), i.answered() == null ? "" : i.answered().toString(),
                        i.theirCost() == null ? "" : i.theirCost().toPlainString(),
                        i.impact() == null ? "" : i.impact().toPlainString());
            }
        }
    }

    /** Runs a tollgate command in this process against the demo's ClickHouse; returns its standard output. */
    private String command(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.url(), "--database", db.database()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Tollgate.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        if (code != Tollgate.OK) {
            throw new IllegalStateException("tollgate " + String.join(" ", args) + " failed (exit " + code + "): "
                    + err.toString().strip());
        }
        return out.toString();
    }

    private static List<CsvRecord> csv(String text) throws Exception {
        List<CsvRecord> rows = new ArrayList<>();
        List<String> header = text.lines().findFirst().map(h -> List.of(h.split(","))).orElse(List.of());
        try (CsvInput in = CsvInput.open(new StringReader(text), "output", List.of(), header)) {
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                rows.add(r);
            }
        }
        return rows;
    }
}
