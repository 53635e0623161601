package io.tollgate.core.rating;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a vendor's sheet names the canonical deck columns: {@code prefix=code,rate=price,increments=billing}. The
 * renaming happens on the header only, before {@link RateDeckCsv} checks it, so there is one validator and every
 * problem in a mapped sheet still names the canonical field and the file's line.
 *
 * <p>An item may also be a preset: {@code common} knows the names seen most on carriers' sheets. A preset's names
 * that a sheet does not have are simply unused; a sheet that has two names for one column is refused by the header
 * check ("appears twice"), not silently resolved.
 */
public final class ColumnMapping {

    /** Vendor column names seen on carriers' sheets, by canonical column. */
    private static final Map<String, Map<String, String>> PRESETS = Map.of("common", aliases(Map.of(
            "prefix", List.of("code", "dial code", "dialcode", "dial_code", "destination code"),
            "rate", List.of("price", "rate per minute", "rate/min", "price per minute"),
            "increments", List.of("billing", "billing increment", "billing increments", "interval"),
            "destination", List.of("description", "country", "destination name", "zone"),
            "effective_from", List.of("effective date", "effective", "valid from"),
            "effective_to", List.of("end date", "valid to", "expiry"),
            "connect_fee", List.of("connection fee", "setup fee"),
            "min_duration", List.of("minimum duration", "min duration"))));

    public static final ColumnMapping NONE = new ColumnMapping(Map.of());

    private final Map<String, String> aliases;

    private ColumnMapping(Map<String, String> aliases) {
        this.aliases = Collections.unmodifiableMap(aliases);
    }

    /**
     * Reads {@code canonical=vendor[,...]} items and preset names, e.g. {@code common,rate=price usd}.
     *
     * @throws IllegalArgumentException saying which item is wrong and why
     */
    public static ColumnMapping parse(String text) {
        Map<String, String> aliases = new LinkedHashMap<>();
        Map<String, String> explicit = new LinkedHashMap<>();
        for (String raw : text.split(",")) {
            String item = raw.strip();
            int eq = item.indexOf('=');
            if (eq < 0) {
                Map<String, String> preset = PRESETS.get(item.toLowerCase(Locale.ROOT));
                if (preset == null) {
                    throw new IllegalArgumentException("'" + item + "' is neither canonical=vendor (like prefix=code) "
                            + "nor a preset; presets: " + String.join(", ", PRESETS.keySet()));
                }
                preset.forEach(aliases::putIfAbsent);
                continue;
            }
            String canonical = item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String vendor = item.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (!RateDeckCsv.COLUMNS.contains(canonical)) {
                throw new IllegalArgumentException("'" + canonical + "' in '" + item + "' is not a deck column; the "
                        + "columns are " + String.join(",", RateDeckCsv.COLUMNS));
            }
            if (vendor.isEmpty()) {
                throw new IllegalArgumentException("'" + item + "' names no column of the vendor's sheet");
            }
            String before = explicit.put(vendor, canonical);
            if (before != null && !before.equals(canonical)) {
                throw new IllegalArgumentException("'" + vendor + "' is mapped to both " + before + " and " + canonical);
            }
        }
        // an explicit item wins over a preset's guess for the same vendor name
        aliases.putAll(explicit);
        return new ColumnMapping(aliases);
    }

    /** Lower-case vendor column name to canonical column name. */
    public Map<String, String> aliases() {
        return aliases;
    }

    private static Map<String, String> aliases(Map<String, List<String>> byCanonical) {
        Map<String, String> aliases = new LinkedHashMap<>();
        byCanonical.forEach((canonical, names) -> names.forEach(name -> aliases.put(name, canonical)));
        return aliases;
    }
}
