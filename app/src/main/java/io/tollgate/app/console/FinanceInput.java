package io.tollgate.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.billing.BillingPeriod;
import io.tollgate.core.billing.InvoiceStatus;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.reports.export.CallSelection;
import io.tollgate.reports.export.ExportFormat;
import io.tollgate.reports.export.MarginExport;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the finance endpoints accept, checked: every refusal is a {@link BadRequest} naming the query parameter or
 * body field at fault, in the words the command line uses for the same input.
 */
final class FinanceInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The export kinds of {@code /api/exports/{kind}}. */
    enum ExportKind { MARGIN, TRAFFIC, UNRATED }

    /** The body of {@code POST /api/invoices}. */
    record InvoiceRequest(Customer customer, List<BillingPeriod> periods, boolean finalise) {
    }

    private FinanceInput() {
    }

    /** {@code {"customer": ID, "period": "YYYY-MM"|"YYYY-MM-DD", "final": bool}}, customer and period required. */
    static InvoiceRequest invoiceRequest(TollgateConfig config, String body) {
        JsonNode json = object(body);
        Customer customer = customer(config, "customer", text(json, "customer", true));
        String period = text(json, "period", true);
        JsonNode finalise = json.get("final");
        if (finalise != null && !finalise.isNull() && !finalise.isBoolean()) {
            throw new BadRequest("final", "'final' is true or false, not " + finalise);
        }
        return new InvoiceRequest(customer, periods(customer, period), finalise != null && finalise.asBoolean());
    }

    /** A JSON object body; an empty body is an empty object. */
    static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("body", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new BadRequest("body", "the body is a JSON object, like {\"customer\": \"acme\", \"period\":"
                    + " \"2026-03\"}");
        }
        return json;
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                throw new BadRequest(field, "'" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequest(field, "'" + field + "' is a string, not " + value);
        }
        return value.asText();
    }

    /** A configured customer; null {@code id} is null (no filter). */
    static Customer customer(TollgateConfig config, String field, String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        return config.customer(id).orElseThrow(() -> new BadRequest(field, "'" + id + "' is not a customer;"
                + " the configuration has " + config.customers().stream().map(Customer::id)
                .collect(Collectors.joining(", "))));
    }

    /** A configured vendor's id; null {@code id} is null (no filter). */
    static String vendor(TollgateConfig config, String field, String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        if (config.vendor(id).isEmpty()) {
            throw new BadRequest(field, "'" + id + "' is not a vendor of the configuration");
        }
        return id;
    }

    static List<BillingPeriod> periods(Customer customer, String text) {
        try {
            return customer.billingCycle().periodsNamed(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("period", e.getMessage());
        }
    }

    /** {@code draft}, {@code final} or {@code void}; null or empty is null (no filter). */
    static InvoiceStatus status(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return InvoiceStatus.of(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("status", "'" + text + "' is not draft, final or void");
        }
    }

    /** An ISO-8601 time with an offset or Z; required. */
    static Instant time(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw new BadRequest(field, "'" + field + "' is required: an ISO-8601 time like 2026-03-01T00:00:00Z");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequest(field, "'" + text + "' is not an ISO-8601 time with offset, like"
                    + " 2026-03-01T00:00:00Z");
        }
    }

    /** The calls set up in [from, to) of the optional customer and vendor, all checked. */
    static CallSelection calls(TollgateConfig config, String from, String to, String customer, String vendor) {
        Instant start = time("from", from);
        Instant end = time("to", to);
        if (!end.isAfter(start)) {
            throw new BadRequest("to", "'to' must be after 'from': " + from + " .. " + to);
        }
        Customer c = customer(config, "customer", customer);
        return new CallSelection(start, end, c == null ? null : c.id(), vendor(config, "vendor", vendor));
    }

    static ExportKind exportKind(String text) {
        try {
            return ExportKind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("kind", "'" + text + "' is not an export: margin, traffic or unrated");
        }
    }

    /** csv (the default) or xlsx. */
    static ExportFormat format(String text) {
        if (text == null || text.isEmpty()) {
            return ExportFormat.CSV;
        }
        try {
            return ExportFormat.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("format", "'" + text + "' is not csv or xlsx");
        }
    }

    /** How a margin export groups rows: customer (the default), vendor, destination or day. */
    static MarginExport.By by(String text) {
        if (text == null || text.isEmpty()) {
            return MarginExport.By.CUSTOMER;
        }
        try {
            return MarginExport.By.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("by", "'" + text + "' is not one of " + Arrays.stream(MarginExport.By.values())
                    .map(MarginExport.By::label).collect(Collectors.joining(", ")));
        }
    }

    /** The MIME type of an export format. */
    static String contentType(ExportFormat format) {
        return format == ExportFormat.XLSX
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : "text/csv; charset=utf-8";
    }
}
