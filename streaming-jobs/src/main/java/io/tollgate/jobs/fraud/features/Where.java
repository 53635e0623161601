package io.tollgate.jobs.fraud.features;

import io.tollgate.core.quality.CountryCodes;

/**
 * Where a number goes: its destination (the longest high-risk prefix it matches, else its country code) and its
 * number range (the number without its last {@link FeatureSettings#rangeDigits()} digits; null for a number no
 * longer than that).
 */
record Where(String destination, boolean highRisk, String range) {

    /** Where {@code number} goes, or null for no number. */
    static Where of(String number, FeatureSettings settings) {
        if (number == null) {
            return null;
        }
        String risky = settings.highRisk().match(number);
        String destination = risky != null ? risky : CountryCodes.of(number);
        int cut = number.length() - settings.rangeDigits();
        return new Where(destination, risky != null, cut > 0 ? number.substring(0, cut) : null);
    }
}
