package io.tollgate.ingest.config;


import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code exports:}, a list of scheduled finance exports ({@link ScheduledExport}). The customer and vendor
 * filters must name a customer and a vendor of this file: a misspelt id would otherwise export nothing, silently,
 * every day.
 */
final class ExportsReader {
    private static final Set<String> KEYS = Set.of("name", "kind", "by", "cron", "time_zone", "range", "format",
            "out_dir", "customer", "vendor");
    private static final ValueFormat<ScheduledExport.Kind> KIND = new ValueFormat<>("one of "
            + String.join(", ", Arrays.stream(ScheduledExport.Kind.values()).map(ScheduledExport.Kind::label).toList()),
            text -> Arrays.stream(ScheduledExport.Kind.values()).filter(k -> k.label().equals(text)).findFirst()
                    .orElseThrow());
    private final Path dir;
    private final Set<String> customers = new HashSet<>();
    private final Set<String> vendors = new HashSet<>();

    ExportsReader(Path dir, List<Customer> customers, List<Vendor> vendors) {
        this.dir = dir;
        customers.forEach(c -> this.customers.add(c.id()));
        vendors.forEach(v -> this.vendors.add(v.id()));
    }

    List<ScheduledExport> read(ConfigNode node) {
        Set<String> names = new HashSet<>();
        return node.each(item -> export(item, names));
    }

    /** One export; {@code names} are those of the exports before it. */
    private ScheduledExport export(ConfigNode node, Set<String> names) {
        if (!node.mapping(KEYS, true)) {
            return null;
        }
        int before = node.problems().count();
        String name = node.get("name").required(ValueFormat.ID_FORMAT);
        if (name != null && !names.add(name)) {
            node.get("name").problem("another export is named '" + name + "': names begin the file names, so each"
                    + " must be unique");
        }
        ScheduledExport.Kind kind = node.get("kind").required(KIND);
        ConfigNode byNode = node.get("by");
        String by = null;
        if (kind == ScheduledExport.Kind.MARGIN) {
            by = byNode.optional(ValueFormat.oneOf(ScheduledExport.BY), "customer");
        } else if (byNode.isPresent() && kind != null) {
            byNode.problem("only a margin export is grouped; a " + kind.label() + " export has no 'by'");
        }
        String cron = node.get("cron").required(ValueFormat.CRON);
        ZoneId zone = node.get("time_zone").optional(ValueFormat.TIME_ZONE, ZoneOffset.UTC);
        String range = node.get("range").required(ValueFormat.oneOf(ScheduledExport.RANGES));
        String format = node.get("format").optional(ValueFormat.oneOf(ScheduledExport.FORMATS), "csv");
        String out = node.get("out_dir").optional(ValueFormat.TEXT, "exports");
        String customer = party(node.get("customer"), customers, "customers");
        String vendor = party(node.get("vendor"), vendors, "vendors");
        if (node.problems().count() > before) {
            return null;
        }
        return new ScheduledExport(name, kind, by, cron, zone, range, format, dir.resolve(out).normalize(), customer,
                vendor);
    }

    /** An optional customer or vendor id, which must be one of {@code known}. */
    private static String party(ConfigNode node, Set<String> known, String section) {
        String id = node.optional(ValueFormat.ID_FORMAT, null);
        if (id != null && !known.contains(id)) {
            node.problem("no " + section.substring(0, section.length() - 1) + " '" + id + "' in " + section);
            return null;
        }
        return id;
    }
}
