/**
 * Vendor quality over sliding windows: the Flink steps around {@link io.tollgate.core.quality}, wired by
 * {@link io.tollgate.jobs.quality.VendorQualityStream}.
 */
package io.tollgate.jobs.quality;
