package io.tollgate.jobs.fraud.features;

/** A customer's learned normal: mean calls set up and mean peak concurrency per minute, over {@code minutes}. */
record Baseline(double callsPerMinute, double concurrent, long minutes) {
}
