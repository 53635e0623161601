package io.tollgate.reports.invoice;

import io.tollgate.core.billing.BillingPeriod;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.InvoiceSettings;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.reports.schedule.ScheduledTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An invoice run on a schedule ({@code invoices.schedules}): at each slot, every customer's latest period that has
 * ended is invoiced (drafts rebuilt, or finalised), so a missed slot is made good by the next one, and a period
 * already final is left as it is.
 */
public final class ScheduledInvoiceRun {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledInvoiceRun.class);

    private ScheduledInvoiceRun() {
    }

    public static ScheduledTask task(int number, InvoiceSettings.Schedule schedule, TollgateConfig config,
                                     ClickHouseDatabase database) {
        String name = "invoice-run-" + number + (schedule.finalise() ? " (final)" : " (drafts)");
        return ScheduledTask.of(name, schedule.cron(), schedule.zone(), slot -> {
            Invoicer invoicer = new Invoicer(new InvoiceStore(database), config.invoices(), config.fxRates(),
                    Clock.systemUTC(), new DeckDestinations());
            InvoiceDocuments documents = new InvoiceDocuments(config.invoices(), config.invoices().outputDir());
            List<Invoicer.Outcome> outcomes = invoicer.invoice(lastEnded(config.customers(), slot.toInstant()),
                    schedule.finalise() ? Invoicer.Mode.FINAL : Invoicer.Mode.DRAFT, false);
            for (Invoicer.Outcome o : outcomes) {
                documents.write(o.invoice(), o.due().customer());
            }
            LOG.info("{} at {}: {} invoices written to {}", name, slot, outcomes.size(),
                    config.invoices().outputDir());
        });
    }

    /** Each customer's most recent period that has ended by {@code now}, in the customer's time zone. */
    static List<Invoicer.Due> lastEnded(List<Customer> customers, Instant now) {
        List<Invoicer.Due> dues = new ArrayList<>();
        for (Customer c : customers) {
            LocalDate today = LocalDate.ofInstant(now, c.timeZone());
            BillingPeriod current = c.billingCycle().periodContaining(today);
            dues.add(new Invoicer.Due(c, c.billingCycle().periodContaining(current.first().minusDays(1))));
        }
        return dues;
    }
}
