package io.tollgate.rules;

import io.tollgate.core.fraud.Evidence;

import java.time.Instant;

/** A fact a rule can fire on: what it is about, and the evidence an alert carries if it does. */
public interface Observation {

    /** The customer whose traffic this is; {@link io.tollgate.core.fraud.FraudProfiles#DEFAULTS} for vendor facts. */
    String customer();

    /** What an alert on this fact is about: the customer itself, a destination prefix, a number range, a vendor. */
    String subject();

    /** The destination prefix a destination-scoped block refuses, or null when the fact has none. */
    String blockPrefix();

    Instant windowEnd();

    /** The event time of the first and last call that contributed. */
    Instant firstEventTime();

    Instant lastEventTime();

    Evidence evidence();
}
