package io.tollgate.reports.recon;

import java.time.Instant;
import java.util.Objects;

/**
 * What a reconciliation from the CDR store covers: one carrier's CDRs of a period, optionally those of one of its
 * files, against the calls we routed to that carrier as vendor.
 *
 * @param vendor the carrier: {@code carrier_cdrs.carrier_id} and {@code rated_cdrs.vendor_id}
 * @param from   first instant of the period
 * @param to     first instant after the period
 * @param file   only the carrier's CDRs imported from this file name; null for all of them
 */
public record ReconScope(String vendor, Instant from, Instant to, String file) {
    public ReconScope {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (vendor.isBlank()) {
            throw new IllegalArgumentException("the vendor is empty");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts: " + from + " .. " + to);
        }
        if (file != null && file.isBlank()) {
            throw new IllegalArgumentException("the file name is empty");
        }
    }

    /** Whether {@code t} is in [from, to). */
    public boolean covers(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
