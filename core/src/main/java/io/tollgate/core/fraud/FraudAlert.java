package io.tollgate.core.fraud;

import java.time.Instant;
import java.util.Objects;

/**
 * A fraud rule fired, as published on {@code tollgate.fraud-alerts} (keyed by customer) and stored in
 * {@code fraud_alerts}.
 *
 * @param ruleId the rule that fired, stable across rule-set versions
 * @param subject what the alert is about within the customer's traffic: a destination prefix, an A-number,
 *     a vendor, or the customer id itself for customer-wide rules
 * @param firstEventTime the event time of the first call that contributed
 * @param lastEventTime the event time of the last call that contributed
 */
public record FraudAlert(
        String ruleId,
        Severity severity,
        String customer,
        String subject,
        Evidence evidence,
        Instant firstEventTime,
        Instant lastEventTime) {

    public FraudAlert {
        Objects.requireNonNull(ruleId, "ruleId is required");
        Objects.requireNonNull(severity, "severity is required");
        Objects.requireNonNull(customer, "customer is required");
        Objects.requireNonNull(subject, "subject is required");
        Objects.requireNonNull(evidence, "evidence is required");
        Objects.requireNonNull(firstEventTime, "firstEventTime is required");
        Objects.requireNonNull(lastEventTime, "lastEventTime is required");
        if (lastEventTime.isBefore(firstEventTime)) {
            throw new IllegalArgumentException(
                    "lastEventTime " + lastEventTime + " is before firstEventTime " + firstEventTime);
        }
    }
}
