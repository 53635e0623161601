package io.tollgate.ingest.config;

import io.tollgate.core.billing.InvoiceNumberFormat;
import io.tollgate.core.billing.InvoiceParty;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code invoices:} section: who issues invoices, how they are numbered and paid, where documents go and when
 * invoice runs happen by themselves.
 *
 * @param logo               printed top left; null for none
 * @param paymentDays        days from issue to due date
 * @param paymentTerms       printed under the totals
 * @param adjustmentDays     how far back a late or re-rated call is still found and billed on the next invoice
 * @param schedules          invoice runs {@code tollgate serve} starts by itself
 */
public record InvoiceSettings(InvoiceParty issuer, Path logo, InvoiceNumberFormat invoiceNumbers,
                              InvoiceNumberFormat creditNoteNumbers, int paymentDays, String paymentTerms,
                              int adjustmentDays, Path outputDir, List<Schedule> schedules) {

    /** A scheduled invoice run: at each slot of {@code cron} (UNIX syntax, in {@code zone}), invoice every customer due. */
    public record Schedule(String cron, java.time.ZoneId zone, boolean finalise) {
    }

    public InvoiceSettings {
        schedules = List.copyOf(schedules);
    }

    /** Without the section: a neutral issuer, INV-/CN- numbers per year, 30 days, documents under ./invoices. */
    public static InvoiceSettings defaults(Path configDir) {
        return new InvoiceSettings(new InvoiceParty("Tollgate", List.of(), "", ""), null,
                new InvoiceNumberFormat("INV-{yyyy}-{seq:05}"), new InvoiceNumberFormat("CN-{yyyy}-{seq:05}"), 30,
                "Payment within 30 days of the invoice date.", 90, configDir.resolve("invoices"), List.of());
    }
}
