package io.tollgate.core.fraud;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.time.Instant;

/**
 * An alert as the fraud job keeps it open: the alert itself, whether it blocked traffic, and when it was raised
 * and last updated. One open alert per rule × customer × subject: new evidence updates it rather than raising
 * another, so its id stays the same while it is open.
 *
 * @param action {@code block} when the alert published a block instruction, else {@code none}
 */
public record RaisedAlert(FraudAlert alert, String action, Instant raisedAt, Instant updatedAt) {

    public RaisedAlert {
        Objects.requireNonNull(alert, "alert is required");
        Objects.requireNonNull(action, "action is required");
        Objects.requireNonNull(raisedAt, "raisedAt is required");
        Objects.requireNonNull(updatedAt, "updatedAt is required");
    }

    /** Deterministic, so that a replayed update lands on the same row: rule, customer, subject, first event. */
    public String alertId() {
        String key = alert.ruleId() + '|' + alert.customer() + '|' + alert.subject() + '|'
                + alert.firstEventTime().toEpochMilli();
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
