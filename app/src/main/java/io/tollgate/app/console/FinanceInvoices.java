package io.tollgate.app.console;

import io.tollgate.core.billing.Invoice;
import io.tollgate.core.billing.InvoiceLine;
import io.tollgate.core.billing.InvoiceStatus;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.reports.invoice.DeckDestinations;
import io.tollgate.reports.invoice.InvoiceDocuments;
import io.tollgate.reports.invoice.InvoiceStore;
import io.tollgate.reports.invoice.Invoicer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The invoice side of the console, without HTTP: generates, lists, finalises, voids and credits invoices with the
 * same {@link Invoicer} as {@code tollgate invoice}, and keeps their PDF and CSV in {@code invoices.output_dir}.
 * State changes run one at a time (numbering is gapless; two clicks must not race).
 *
 * <p>An invoice as JSON ({@link #json}): {@code id, number ("" for a draft), kind (invoice|credit_note), customer,
 * period ("2026-03-01..2026-03-31"), status (draft|final|void), currency, calls, net, tax, total, creditFor,
 * issuedOn, dueOn, updatedAt, links {pdf, csv}}, and with {@code lines} when asked: {@code [{line, description,
 * destination, prefix, rate, calls, billedSeconds, billedMinutes, amount, adjustment}]}. Money is a string with
 * the currency's decimals ("12.34"), never a float.
 */
final class FinanceInvoices {
    /** A document of an invoice, ready to send. */
    record Document(Path file, String contentType) {
    }

    private final TollgateConfig config;
    private final InvoiceStore store;
    private final Invoicer invoicer;
    private final InvoiceDocuments documents;
    private final Path dir;

    FinanceInvoices(TollgateConfig config, ClickHouseDatabase database, Path dir, Clock clock) {
        this.config = config;
        this.store = new InvoiceStore(database);
        this.invoicer = new Invoicer(store, config.invoices(), config.fxRates(), clock,
                new DeckDestinations());
        this.dir = dir;
        this.documents = new InvoiceDocuments(config.invoices(), dir);
    }

    /** Drafts (or finalises) the invoices of a request and writes their documents. */
    synchronized List<Invoice> generate(FinanceInput.InvoiceRequest request) throws SQLException {
        List<Invoicer.Due> dues = request.periods().stream()
                .map(p -> new Invoicer.Due(request.customer(), p)).toList();
        List<Invoice> invoices = new ArrayList<>();
        for (Invoicer.Outcome o : invoicer.invoice(dues, request.finalise() ? Invoicer.Mode.FINAL
                : Invoicer.Mode.DRAFT, true)) {
            documents.write(o.invoice(), o.due().customer());
            invoices.add(o.invoice());
        }
        return invoices;
    }

    /** Invoices and credit notes, newest period first, optionally of one customer and in one status. */
    List<Invoice> list(Customer customer, InvoiceStatus status) throws SQLException {
        return (customer == null ? store.all() : store.forCustomer(customer.id())).stream().map(InvoiceStore.Stored::invoice)
                .filter(i -> status == null || i.status() == status).toList();
    }

    /** The invoice with this number or id. */
    Optional<Invoice> find(String reference) throws SQLException {
        return invoicer.lookup(reference).map(InvoiceStore.Stored::invoice);
    }

    /** Finalises a draft (invoice or credit note), numbered, its documents written. */
    synchronized Invoice finalise(Invoice draft) throws SQLException {
        Customer c = customerOf(draft);
        Invoice done = invoicer.finalise(draft.invoiceId(), c).invoice();
        documents.write(done, c);
        return done;
    }

    /** Voids a final invoice; its documents are written again, saying so. */
    synchronized Invoice voidInvoice(Invoice invoice) throws SQLException {
        Invoice voided = invoicer.voidInvoice(invoice.invoiceId());
        documents.write(voided, customerOf(voided));
        return voided;
    }

    /** A credit note for a whole final invoice, a draft unless {@code finalise}. */
    synchronized Invoice credit(Invoice invoice, boolean finalise) throws SQLException {
        Customer c = customerOf(invoice);
        Invoice note = invoicer.credit(invoice.number(), c, finalise);
        documents.write(note, c);
        return note;
    }

    /** The invoice's PDF or CSV ({@code extension}), rendered first if it is not there. */
    synchronized Document document(Invoice invoice, String extension) {
        Path file = dir.resolve(invoice.customerId()).resolve(fileName(invoice, extension));
        if (!Files.isRegularFile(file)) {
            documents.write(invoice, customerOf(invoice));
        }
        return new Document(file, extension.equals("pdf") ? "application/pdf" : "text/csv; charset=utf-8");
    }

    /** As {@link InvoiceDocuments} names them: by number, or {@code draft-<id>}. */
    static String fileName(Invoice invoice, String extension) {
        return (invoice.number().isEmpty() ? "draft-" + invoice.invoiceId() : invoice.number()) + "." + extension;
    }

    private Customer customerOf(Invoice invoice) {
        return config.customer(invoice.customerId()).orElseThrow(() -> new IllegalStateException("invoice "
                + invoice.reference() + " is of customer '" + invoice.customerId() + "', who is no longer in "
                + config.source()));
    }

    static Map<String, Object> json(Invoice i, boolean withLines) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", i.invoiceId());
        json.put("number", i.number());
        json.put("kind", i.kind().label());
        json.put("customer", i.customerId());
        json.put("period", i.period().toString());
        json.put("status", i.status().label());
        json.put("currency", i.currency().getCurrencyCode());
        json.put("calls", i.coverage().calls());
        json.put("net", i.amounts().net().toPlainString());
        json.put("tax", i.amounts().tax().toPlainString());
        json.put("total", i.amounts().total().toPlainString());
        json.put("creditFor", i.creditFor());
        json.put("issuedOn", i.issuedOn() == null ? null : i.issuedOn().toString());
        json.put("dueOn", i.dueOn() == null ? null : i.dueOn().toString());
        json.put("updatedAt", i.updatedAt() == null ? null : i.updatedAt().toString());
        String self = "/api/invoices/" + i.invoiceId();
        json.put("links", Map.of("self", self, "pdf", self + "/pdf", "csv", self + "/csv"));
        if (withLines) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (InvoiceLine l : i.amounts().lines()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("line", l.lineNo());
                line.put("description", l.description());
                line.put("destination", l.destination());
                line.put("prefix", l.prefix());
                line.put("rate", l.rate().toPlainString());
                line.put("calls", l.calls());
                line.put("billedSeconds", l.billedSeconds());
                line.put("billedMinutes", l.billedMinutes().toPlainString());
                line.put("amount", l.amount().toPlainString());
                line.put("adjustment", l.adjustment());
                lines.add(line);
            }
            json.put("lines", lines);
        }
        return json;
    }
}
