package io.tollgate.reports.invoice;

import io.tollgate.core.billing.FxConversion;
import io.tollgate.core.billing.Invoice;
import io.tollgate.core.billing.InvoiceAmounts;
import io.tollgate.core.billing.InvoiceLine;
import io.tollgate.core.billing.InvoiceParty;
import io.tollgate.reports.pdf.JasperPdf;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.tollgate.reports.invoice.InvoiceCsv.amount;
import static io.tollgate.reports.invoice.InvoiceCsv.percent;
import static io.tollgate.reports.invoice.InvoiceCsv.rate;

/**
 * An invoice or credit note as an A4 PDF ({@code invoice.jrxml}). Every figure is handed to the template as text,
 * formatted as the CSV formats it, so the two never disagree; the template only lays them out.
 */
public final class InvoicePdf {
    static final String TEMPLATE = "/io/tollgate/reports/invoice/invoice.jrxml";

    private InvoicePdf() {
    }

    /**
     * @param paymentTerms printed under the totals, e.g. "Payable within 30 days to IBAN ..."; null or empty for none
     * @param logo         a PNG or JPEG printed top-left; null for none
     */
    public static void render(Invoice invoice, InvoiceParty issuer, InvoiceParty customer, String paymentTerms,
                              Path logo, OutputStream out) {
        Currency currency = invoice.currency();
        InvoiceAmounts amounts = invoice.amounts();
        boolean credit = invoice.kind() == Invoice.Kind.CREDIT_NOTE;
        Map<String, Object> p = new HashMap<>();
        p.put("LOGO", logo == null ? null : read(logo));
        p.put("TITLE", credit ? "CREDIT NOTE" : "INVOICE");
        p.put("STATUS_BANNER", switch (invoice.status()) {
            case DRAFT -> "DRAFT \u2014 not a tax document";
            case VOID -> "VOID";
            case FINAL -> null;
        });
        p.put("WATERMARK", switch (invoice.status()) {
            case DRAFT -> "DRAFT";
            case VOID -> "VOID";
            case FINAL -> null;
        });
        p.put("NUMBER", invoice.number().isEmpty() ? "draft" : invoice.number());
        p.put("ISSUED_ON", date(invoice.issuedOn()));
        p.put("DUE_ON", date(invoice.dueOn()));
        p.put("PERIOD", invoice.period().first() + " \u2013 " + invoice.period().last());
        p.put("CURRENCY", currency.getCurrencyCode());
        p.put("CREDITS", credit ? "Credits invoice " + invoice.creditFor() : null);
        p.put("ISSUER_NAME", issuer.name());
        p.put("ISSUER_DETAILS", details(issuer, "Tax id"));
        p.put("CUSTOMER_NAME", customer.name());
        p.put("CUSTOMER_DETAILS", details(customer, "VAT id"));
        p.put("NET", amount(amounts.net(), currency));
        p.put("TAX_LABEL", "Tax " + percent(amounts.taxRate()) + " %");
        p.put("TAX", amount(amounts.tax(), currency));
        p.put("TOTAL", amount(amounts.total(), currency));
        p.put("TAX_NOTE", orNull(amounts.taxNote()));
        p.put("FX_NOTES", orNull(amounts.conversions().stream().map(FxConversion::note)
                .collect(Collectors.joining("\n"))));
        p.put("PAYMENT_TERMS", orNull(paymentTerms));
        p.put("COVERAGE", "Covers " + invoice.coverage().calls() + " calls, digest "
                + (invoice.coverage().digest().isEmpty() ? "none" : invoice.coverage().digest()));

        List<Map<String, ?>> rows = new ArrayList<>();
        for (InvoiceLine line : amounts.lines()) {
            rows.add(Map.of("LINE_NO", Integer.toString(line.lineNo()),
                    "DESCRIPTION", line.description(),
                    "CALLS", Long.toString(line.calls()),
                    "MINUTES", line.billedMinutes().toPlainString(),
                    "RATE", rate(line.rate(), currency),
                    "AMOUNT", amount(line.amount(), currency),
                    "ADJUSTMENT", line.adjustment()));
        }
        JasperPdf.render(TEMPLATE, p, rows, out);
    }

    /** Address lines, country and tax registration, one per line. */
    private static String details(InvoiceParty party, String taxIdLabel) {
        List<String> lines = new ArrayList<>(party.addressLines());
        if (party.country() != null && !party.country().isBlank()) {
            lines.add(party.country());
        }
        if (!party.taxId().isBlank()) {
            lines.add(taxIdLabel + " " + party.taxId());
        }
        return orNull(String.join("\n", lines));
    }

    private static String date(LocalDate date) {
        return date == null ? "\u2014" : date.toString();
    }

    private static String orNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static byte[] read(Path logo) {
        try {
            return Files.readAllBytes(logo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the invoice logo " + logo, e);
        }
    }
}
