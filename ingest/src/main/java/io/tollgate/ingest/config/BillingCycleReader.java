package io.tollgate.ingest.config;

import io.tollgate.core.billing.BillingCycle;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code billing_cycle:}, either a word ({@code monthly}, {@code weekly}) for the usual start, or a mapping
 * with {@code period}, {@code day} and, for {@code custom}, {@code length_days}. Absent means monthly from the 1st.
 */
final class BillingCycleReader {
    private static final ValueFormat<String> PERIOD = ValueFormat.oneOf(List.of("monthly", "weekly", "custom"));
    private static final Set<String> KEYS = Set.of("period", "day", "length_days");
    private static final BillingCycle USUAL = new BillingCycle.Monthly(1);

    private BillingCycleReader() {
    }

    static BillingCycle read(ConfigNode node) {
        if (!node.isPresent()) {
            return USUAL;
        }
        if (node.isScalar()) {
            String period = node.required(PERIOD);
            if ("custom".equals(period)) {
                node.problem("custom needs a mapping: {period: custom, day: <first day, like 2026-01-05>, length_days: N}");
                return null;
            }
            return period == null ? null : "weekly".equals(period) ? new BillingCycle.Weekly(DayOfWeek.MONDAY) : USUAL;
        }
        if (!node.mapping(KEYS, true)) {
            return null;
        }
        String period = node.get("period").required(PERIOD);
        if (period == null) {
            return null;
        }
        ConfigNode day = node.get("day");
        ConfigNode length = node.get("length_days");
        if (!"custom".equals(period) && length.isPresent()) {
            length.problem("only a custom billing cycle has a length");
        }
        switch (period) {
            case "weekly": {
                DayOfWeek startsOn = day.optional(ValueFormat.WEEKDAY, DayOfWeek.MONDAY);
                return startsOn == null ? null : new BillingCycle.Weekly(startsOn);
            }
            case "custom": {
                LocalDate first = day.required(ValueFormat.DATE);
                Integer days = length.required(ValueFormat.wholeNumber(1, 366));
                return first == null || days == null ? null : new BillingCycle.Custom(first, days);
            }
            default: {
                // 28 at most: every month has the day, so no period is skipped or doubled in February
                Integer dayOfMonth = day.optional(ValueFormat.wholeNumber(1, 28), 1);
                return dayOfMonth == null ? null : new BillingCycle.Monthly(dayOfMonth);
            }
        }
    }
}
