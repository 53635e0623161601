package io.tollgate.ingest.config;

/**
 * One of our trunks to a vendor.
 *
 * @param endpoint the switch endpoint the routing agent dials ({@code PJSIP/<number>@<endpoint>})
 * @param capacity the calls the trunk carries at once
 */
public record Trunk(String endpoint, int capacity) {
}
