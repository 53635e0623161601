package io.tollgate.core.fraud;

/** How loud an alert is: a warning goes to the analysts' dashboard, a critical alert may block traffic by itself. */
public enum Severity {
    WARNING,
    CRITICAL
}
