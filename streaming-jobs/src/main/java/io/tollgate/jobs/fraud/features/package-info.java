/**
 * The fraud features: plain Java state that a keyed Flink function holds per customer ({@link
 * io.tollgate.jobs.fraud.features.CustomerTraffic}) and per vendor × destination ({@link
 * io.tollgate.jobs.fraud.features.VendorRoutes}), and that turns call events, rated CDRs and vendor quality into the
 * facts the rules read ({@link io.tollgate.rules.Observation}).
 *
 * <p>Everything held in state is a plain final class with a public no-arg constructor and non-final fields, holding
 * java.util collections, primitive arrays, primitives, strings and {@link java.math.BigDecimal}s, so that Flink's
 * Kryo fallback serialises it; times are epoch milliseconds of event time, never the wall clock.
 */
package io.tollgate.jobs.fraud.features;
