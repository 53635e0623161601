package io.tollgate.ingest.config;

import io.tollgate.core.billing.TaxProfile;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads {@code tax_profile:}: {@code kind}, the {@code rate} a standard profile charges, the customer's {@code tax_id}. */
final class TaxProfileReader {
    private static final ValueFormat<String> KIND = ValueFormat.oneOf(List.of("standard", "reverse_charge", "exempt"));
    private static final Set<String> KEYS = Set.of("kind", "rate", "tax_id");

    private TaxProfileReader() {
    }

    static TaxProfile read(ConfigNode node) {
        if (!node.mapping(KEYS, true)) {
            return null;
        }
        String kind = node.get("kind").required(KIND);
        ConfigNode rateNode = node.get("rate");
        ConfigNode taxIdNode = node.get("tax_id");
        if (kind == null) {
            return null;
        }
        TaxProfile.Kind parsed = TaxProfile.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        BigDecimal rate = BigDecimal.ZERO;
        if (parsed == TaxProfile.Kind.STANDARD) {
            rate = rateNode.required(ValueFormat.FRACTION);
        } else if (rateNode.isPresent()) {
            // a rate on a profile that charges none is a contradiction someone will misread
            rateNode.problem("only a standard tax profile has a rate");
        }
        String taxId = parsed == TaxProfile.Kind.REVERSE_CHARGE
                ? taxIdNode.required(ValueFormat.TEXT)
                : taxIdNode.optional(ValueFormat.TEXT, "");
        return rate == null || taxId == null ? null : new TaxProfile(parsed, rate, taxId);
    }
}
