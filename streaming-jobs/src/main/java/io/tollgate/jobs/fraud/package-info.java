/**
 * The fraud job's Flink functions: per-customer features and rule evaluation ({@link
 * io.tollgate.jobs.fraud.FraudDetector}), vendor quality rules ({@link io.tollgate.jobs.fraud.VendorWatch}), alert
 * deduplication ({@link io.tollgate.jobs.fraud.OpenAlerts}), the rule book in force, and the offline replay behind
 * {@code tollgate fraud test}.
 */
package io.tollgate.jobs.fraud;
