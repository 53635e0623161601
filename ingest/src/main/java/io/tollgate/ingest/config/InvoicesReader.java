package io.tollgate.ingest.config;

import io.tollgate.core.billing.InvoiceNumberFormat;
import io.tollgate.core.billing.InvoiceParty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@code invoices:}: {@code issuer}, numbering, payment terms, adjustments, {@code output_dir}, {@code schedules}. */
final class InvoicesReader {
    private static final Set<String> KEYS = Set.of("issuer", "number_format", "credit_note_format",
            "payment_terms_days", "payment_terms", "adjustment_lookback_days", "output_dir", "schedules");
    private static final Set<String> ISSUER_KEYS = Set.of("name", "address", "tax_id", "logo");
    private static final Set<String> ADDRESS_KEYS = Set.of("lines", "country");
    private static final Set<String> SCHEDULE_KEYS = Set.of("cron", "time_zone", "final");
    private static final ValueFormat<Boolean> YES_NO = new ValueFormat<>("true or false", text -> switch (text) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException();
    });
    private final Path dir;

    InvoicesReader(Path dir) {
        this.dir = dir;
    }

    InvoiceSettings read(ConfigNode node) {
        InvoiceSettings defaults = InvoiceSettings.defaults(dir);
        if (!node.mapping(KEYS, false)) {
            return defaults;
        }
        ConfigNode issuerNode = node.get("issuer");
        InvoiceParty issuer = issuerNode.isPresent() ? issuer(issuerNode) : defaults.issuer();
        Path logo = issuerNode.isPresent() ? logo(issuerNode.get("logo")) : null;
        InvoiceNumberFormat invoices = format(node.get("number_format"), defaults.invoiceNumbers());
        InvoiceNumberFormat credits = format(node.get("credit_note_format"), defaults.creditNoteNumbers());
        Integer days = node.get("payment_terms_days").optional(ValueFormat.wholeNumber(0, 365), defaults.paymentDays());
        String terms = node.get("payment_terms").optional(ValueFormat.TEXT,
                days == null ? "" : "Payment within " + days + " days of the invoice date.");
        Integer lookback = node.get("adjustment_lookback_days").optional(ValueFormat.wholeNumber(0, 3660),
                defaults.adjustmentDays());
        String out = node.get("output_dir").optional(ValueFormat.TEXT, null);
        List<InvoiceSettings.Schedule> schedules = node.get("schedules").each(InvoicesReader::schedule);
        if (issuer == null || invoices == null || credits == null || days == null || terms == null
                || lookback == null) {
            return defaults;
        }
        return new InvoiceSettings(issuer, logo, invoices, credits, days, terms, lookback,
                out == null ? defaults.outputDir() : dir.resolve(out).normalize(), schedules);
    }

    private static InvoiceParty issuer(ConfigNode node) {
        if (!node.mapping(ISSUER_KEYS, true)) {
            return null;
        }
        String name = node.get("name").required(ValueFormat.TEXT);
        String taxId = node.get("tax_id").optional(ValueFormat.TEXT, "");
        ConfigNode address = node.get("address");
        List<String> lines = new ArrayList<>();
        String country = "";
        if (address.mapping(ADDRESS_KEYS, false)) {
            address.get("lines").each(line -> line.required(ValueFormat.TEXT)).forEach(lines::add);
            country = address.get("country").optional(ValueFormat.COUNTRY, "");
        }
        return name == null || taxId == null || country == null ? null
                : new InvoiceParty(name, lines, country, taxId);
    }

    private Path logo(ConfigNode node) {
        String text = node.optional(ValueFormat.TEXT, null);
        if (text == null) {
            return null;
        }
        Path file = dir.resolve(text).normalize();
        if (!Files.isRegularFile(file)) {
            node.problem("no such image file: " + file);
            return null;
        }
        return file;
    }

    private static InvoiceNumberFormat format(ConfigNode node, InvoiceNumberFormat fallback) {
        String pattern = node.optional(ValueFormat.TEXT, null);
        if (pattern == null) {
            return node.isPresent() ? null : fallback;
        }
        try {
            return new InvoiceNumberFormat(pattern);
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return null;
        }
    }

    private static InvoiceSettings.Schedule schedule(ConfigNode node) {
        if (!node.mapping(SCHEDULE_KEYS, true)) {
            return null;
        }
        String cron = node.get("cron").required(ValueFormat.CRON);
        java.time.ZoneId zone = node.get("time_zone").optional(ValueFormat.TIME_ZONE, ZoneOffset.UTC);
        Boolean finalise = node.get("final").optional(YES_NO, false);
        return cron == null || zone == null || finalise == null ? null
                : new InvoiceSettings.Schedule(cron, zone, finalise);
    }
}
