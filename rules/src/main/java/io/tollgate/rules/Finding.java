package io.tollgate.rules;

import io.tollgate.core.fraud.Severity;

import java.util.Objects;

/** A rule fired on a fact: the raw material of an alert, before deduplication. */
public record Finding(String ruleId, Severity severity, BlockScope block, Observation fact) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId is required");
        Objects.requireNonNull(severity, "severity is required");
        Objects.requireNonNull(block, "block is required");
        Objects.requireNonNull(fact, "fact is required");
    }
}
