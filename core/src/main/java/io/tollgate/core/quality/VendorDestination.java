package io.tollgate.core.quality;

import java.util.Objects;

/**
 * The cell quality is counted in: one vendor towards one destination (a country calling code, see
 * {@link CountryCodes}).
 */
public record VendorDestination(String vendor, String destination) {

    public VendorDestination {
        Objects.requireNonNull(vendor, "vendor is required");
        Objects.requireNonNull(destination, "destination is required");
    }

    /**
     * {@code vendor|destination}: the Kafka key of the vendor-quality topic, so that every window of one cell lands
     * in one partition, in order. A destination is digits only, so the last '|' always separates the two.
     */
    public String key() {
        return vendor + "|" + destination;
    }
}
