package io.tollgate.ingest.config;

import java.util.List;

/**
 * Where a customer's invoices are addressed.
 *
 * @param lines   the address as printed, street to postcode and city
 * @param country ISO 3166 two-letter code: taxes depend on it
 */
public record PostalAddress(List<String> lines, String country) {
    public PostalAddress {
        lines = List.copyOf(lines);
    }
}
