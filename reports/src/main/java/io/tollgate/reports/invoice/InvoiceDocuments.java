package io.tollgate.reports.invoice;

import io.tollgate.core.billing.Invoice;
import io.tollgate.core.billing.InvoiceParty;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.InvoiceSettings;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an invoice's PDF and the CSV of its lines under {@code <dir>/<customer>/}, named by its number (or
 * {@code draft-<id>}). Each file is written whole or not at all, so a rerun overwrites it with the same document.
 */
public final class InvoiceDocuments {
    private final InvoiceSettings settings;
    private final Path dir;

    public InvoiceDocuments(InvoiceSettings settings, Path dir) {
        this.settings = settings;
        this.dir = dir;
    }

    /** The PDF's path; the CSV lies next to it. */
    public Path write(Invoice invoice, Customer customer) {
        Path folder = dir.resolve(customer.id());
        String name = invoice.number().isEmpty() ? "draft-" + invoice.invoiceId() : invoice.number();
        Path pdf = folder.resolve(name + ".pdf");
        try {
            Files.createDirectories(folder);
            whole(pdf, out -> InvoicePdf.render(invoice, settings.issuer(), party(customer),
                    settings.paymentTerms(), settings.logo(), out));
            whole(folder.resolve(name + ".csv"), out -> {
                Writer csv = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                InvoiceCsv.write(invoice, csv);
                csv.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the documents of " + invoice.reference() + " to "
                    + folder + ": " + e.getMessage(), e);
        }
        return pdf;
    }

    private static InvoiceParty party(Customer c) {
        return new InvoiceParty(c.name(), c.address().lines(), c.address().country(), c.taxProfile().taxId());
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void whole(Path file, Content content) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(part))) {
            content.writeTo(out);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
