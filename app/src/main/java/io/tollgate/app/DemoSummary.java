package io.tollgate.app;

import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.fraud.FraudAlert;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** The demo's closing summary on standard output: traffic, money, fraud, invoices, disputes and where files are. */
final class DemoSummary {
    private DemoSummary() {
    }

    static void print(PrintWriter out, DemoLedger ledger, DemoFeed feed, DemoCommand.GroundTruthRun truth,
                      DemoFinance.Outcome finance, Path dir, String console) throws SQLException {
        List<DemoLedger.CustomerTotals> customers = ledger.customers();
        out.println();
        out.println("=== Tollgate demo: summary ===");
        out.printf("calls:      %d placed, %d reached the routing agent, %d rated CDRs in ClickHouse%n",
                truth.progress().placed(), truth.reachedAgent(), customers.stream().mapToLong(c -> c.calls()).sum());
        out.printf("            %d answered, %d refused by Tollgate (blocks and limits), %d unrated%n",
                customers.stream().mapToLong(DemoLedger.CustomerTotals::answered).sum(),
                customers.stream().mapToLong(DemoLedger.CustomerTotals::rejected).sum(),
                customers.stream().mapToLong(DemoLedger.CustomerTotals::unrated).sum());
        out.println("revenue:");
        for (DemoLedger.CustomerTotals c : customers) {
            out.printf("  %-10s %6d calls  revenue %s %s, margin %s %s%n", c.customer(), c.calls(),
                    c.revenue().toPlainString(), c.currency(), c.margin().toPlainString(), c.currency());
        }
        out.println("cost:");
        for (DemoLedger.VendorTotals v : ledger.vendors()) {
            out.printf("  %-10s %6d answered  cost %s %s%n", v.vendor(), v.answered(), v.cost().toPlainString(),
                    v.currency());
        }
        List<DemoFeed.AppliedBlock> blocks = feed.blocks();
        out.printf("fraud:      %d alerts, %d blocks applied by the routing agent%n", feed.caught().size(),
                blocks.size());
        for (DemoFeed.Caught c : feed.caught()) {
            FraudAlert a = c.alert();
            // both from the attack's first call: the job issues the block with the alert, the feed may read either first
            out.printf("  %-8s %-14s %-8s %-14s from its first call: alert on the dashboard after %.1f s%s%n",
                    a.severity().name().toLowerCase(java.util.Locale.ROOT), a.ruleId(), a.customer(), a.subject(),
                    seconds(a.firstEventTime(), c.arrivedAt()), c.block(blocks).map(b -> String.format(
                            ", block applied at the agent after %.1f s", seconds(a.firstEventTime(), b.appliedAt())))
                            .orElse(", not blocked"));
        }
        out.println("invoices (drafts of each customer's current billing period: every call of it so far, earlier runs'"
                + " too; PDF and CSV):");
        for (CsvRecord i : finance.invoices()) {
            out.printf("  %-10s %s  %s calls, net %s, tax %s, total %s %s  %s%n", i.get("customer"), i.get("period"),
                    i.get("calls"), i.get("net"), i.get("tax"), i.get("total"), i.get("currency"), i.get("document"));
        }
        out.printf("margin:     %s%n", finance.margin());
        if (finance.vendor() != null) {
            out.printf("disputes:   %s's bill %s against our CDRs:%n", finance.vendor(), finance.carrierFile());
            for (CsvRecord r : finance.reconciliation()) {
                out.printf("  %-18s %6s  impact %s%n", r.get("class"), r.get("count"), r.get("impact"));
            }
            out.printf("            the dispute report is in %s%n", finance.disputes());
        }
        out.printf("ground truth: %s; everything else the run wrote is in %s%n", truth.file(), dir);
        if (console != null) {
            out.printf("console:    %s%n", console);
        }
        out.flush();
    }

    private static double seconds(java.time.Instant from, java.time.Instant to) {
        return java.time.Duration.between(from, to).toMillis() / 1000.0;
    }
}
