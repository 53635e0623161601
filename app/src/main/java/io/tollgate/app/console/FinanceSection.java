package io.tollgate.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.tollgate.core.billing.Invoice;
import io.tollgate.core.billing.MissingFxRateException;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.reports.export.CallSelection;
import io.tollgate.reports.export.ExportFormat;
import io.tollgate.reports.export.ExportTable;
import io.tollgate.reports.export.MarginExport;
import io.tollgate.reports.export.TrafficExport;
import io.tollgate.reports.export.UnratedExport;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finance in the console: invoices (generate, list, show, finalise, void, credit, download) and exports
 * (download). Open to {@link Role#FINANCE} (and admin). Every state change is audited.
 *
 * <ul>
 *   <li>{@code POST /api/invoices} {@code {customer, period, final?}} → {@code {"invoices": [invoice...]}}
 *       (one per period the text names; a weekly cycle has several), documents written; audited
 *       {@code invoice.generate} (draft) or {@code invoice.finalize}.</li>
 *   <li>{@code GET /api/invoices?customer=&status=} → {@code {"invoices": [invoice...]}} without lines.</li>
 *   <li>{@code GET /api/invoices/{ref}} (number or id) → the invoice with {@code lines}; 404 when unknown.</li>
 *   <li>{@code POST /api/invoices/{ref}/finalise|void|credit} → the invoice (credit: the credit note; body
 *       {@code {final?}}); audited {@code invoice.finalize|invoice.void|invoice.credit}; 409 when its status does
 *       not allow it.</li>
 *   <li>{@code GET /api/invoices/{ref}/pdf|csv} → the document as an attachment, rendered if missing.</li>
 *   <li>{@code GET /api/exports/margin|traffic|unrated?from=&to=&customer=&vendor=&by=&format=csv|xlsx} → the
 *       export as an attachment, as {@code tollgate export} writes it.</li>
 * </ul>
 * Invoice JSON: see {@link FinanceInvoices}. Errors: {@code {"error": message}} (400 also names the field).
 */
public final class FinanceSection implements ApiSection {
    private static final Set<Role> FINANCE = Set.of(Role.FINANCE);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final TollgateConfig config;
    private final ClickHouseDatabase database;
    private final FinanceInvoices invoices;

    public FinanceSection(TollgateConfig config, ClickHouseDatabase database, Path invoiceDir, Clock clock) {
        this.config = config;
        this.database = database;
        this.invoices = new FinanceInvoices(config, database, invoiceDir, clock);
    }

    /** The section for {@code tollgate serve}: the configuration's ClickHouse and invoices.output_dir. */
    public static FinanceSection of(TollgateConfig config) {
        return new FinanceSection(config, ClickHouseDatabase.of(config.services().clickhouse()),
                config.invoices().outputDir(), Clock.systemUTC());
    }

    @Override
    public void register(Api api) {
        api.post("/api/invoices", FINANCE, ctx -> generate(api, ctx));
        api.get("/api/invoices", FINANCE, ctx -> ctx.json(Map.of("invoices", invoices.list(
                FinanceInput.customer(config, "customer", ctx.queryParam("customer")),
                FinanceInput.status(ctx.queryParam("status"))).stream()
                .map(i -> FinanceInvoices.json(i, false)).toList())));
        api.get("/api/invoices/{ref}", FINANCE, ctx -> {
            ctx.json(FinanceInvoices.json(invoice(ctx), true));
        });
        api.post("/api/invoices/{ref}/finalise", FINANCE, ctx -> change(api, ctx, "invoice.finalize",
                invoices::finalise));
        api.post("/api/invoices/{ref}/void", FINANCE, ctx -> change(api, ctx, "invoice.void",
                invoices::voidInvoice));
        api.post("/api/invoices/{ref}/credit", FINANCE, ctx -> {
            JsonNode body = FinanceInput.object(ctx.body());
            JsonNode finalise = body.get("final");
            if (finalise != null && !finalise.isNull() && !finalise.isBoolean()) {
                throw new BadRequest("final", "'final' is true or false, not " + finalise);
            }
            change(api, ctx, "invoice.credit", i -> invoices.credit(i, finalise != null && finalise.asBoolean()));
        });
        api.get("/api/invoices/{ref}/pdf", FINANCE, ctx -> document(ctx, "pdf"));
        api.get("/api/invoices/{ref}/csv", FINANCE, ctx -> document(ctx, "csv"));
        api.get("/api/exports/{kind}", FINANCE, this::export);
    }

    private void generate(Api api, Context ctx) throws SQLException {
        FinanceInput.InvoiceRequest request = FinanceInput.invoiceRequest(config, ctx.body());
        List<Invoice> made;
        try {
            made = invoices.generate(request);
        } catch (MissingFxRateException e) {
            ctx.status(409).json(Map.of("error", e.getMessage()));
            return;
        }
        for (Invoice i : made) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("customer", i.customerId());
            details.put("period", i.period().toString());
            details.put("number", i.number());
            details.put("total", i.amounts().total().toPlainString());
            details.put("currency", i.currency().getCurrencyCode());
            api.audit(ctx, request.finalise() ? "invoice.finalize" : "invoice.generate", "invoice",
                    i.invoiceId(), details);
        }
        ctx.status(201).json(Map.of("invoices", made.stream().map(i -> FinanceInvoices.json(i, false)).toList()));
    }

    private interface Change {
        Invoice apply(Invoice invoice) throws SQLException;
    }

    /** A life-cycle step on the invoice of the path: 404 when unknown, 409 when its status refuses the step. */
    private void change(Api api, Context ctx, String action, Change change) throws SQLException {
        Invoice before = invoice(ctx);
        Invoice after;
        try {
            after = change.apply(before);
        } catch (IllegalStateException | MissingFxRateException e) {
            ctx.status(409).json(Map.of("error", e.getMessage()));
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reference", ctx.pathParam("ref"));
        details.put("status", after.status().label());
        details.put("number", after.number());
        details.put("kind", after.kind().label());
        if (!after.invoiceId().equals(before.invoiceId())) {
            details.put("of", before.invoiceId());
        }
        api.audit(ctx, action, "invoice", after.invoiceId(), details);
        ctx.json(FinanceInvoices.json(after, false));
    }

    private void document(Context ctx, String extension) throws Exception {
        FinanceInvoices.Document document = invoices.document(invoice(ctx), extension);
        attachment(ctx, document.file().getFileName().toString(), document.contentType(),
                Files.readAllBytes(document.file()));
    }

    /** The invoice the path names (number or id); {@link NotFound} when there is none. */
    private Invoice invoice(Context ctx) throws SQLException {
        String reference = ctx.pathParam("ref");
        return invoices.find(reference).orElseThrow(() -> new NotFound("no invoice numbered or with id '"
                + reference + "'"));
    }

    private void export(Context ctx) throws Exception {
        FinanceInput.ExportKind kind = FinanceInput.exportKind(ctx.pathParam("kind"));
        CallSelection calls = FinanceInput.calls(config, ctx.queryParam("from"), ctx.queryParam("to"),
                ctx.queryParam("customer"), ctx.queryParam("vendor"));
        MarginExport.By by = kind == FinanceInput.ExportKind.MARGIN ? FinanceInput.by(ctx.queryParam("by")) : null;
        if (by == null && ctx.queryParam("by") != null && !ctx.queryParam("by").isEmpty()) {
            throw new BadRequest("by", "only the margin export is grouped (by=customer|vendor|destination|day)");
        }
        ExportFormat format = FinanceInput.format(ctx.queryParam("format"));
        ExportTable table = switch (kind) {
            case MARGIN -> MarginExport.table(by, new MarginExport(database).rows(calls, by));
            case TRAFFIC -> new TrafficExport(database).table(calls);
            case UNRATED -> new UnratedExport(database).table(calls);
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(table, out);
        String name = kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + FILE_TIME.format(calls.from()) + "-"
                + FILE_TIME.format(calls.to()) + "." + format.extension();
        attachment(ctx, name, FinanceInput.contentType(format), out.toByteArray());
    }

    private static void attachment(Context ctx, String fileName, String contentType, byte[] content) {
        ctx.contentType(contentType);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName.replace("\"", "") + "\"");
        ctx.result(content);
    }
}
