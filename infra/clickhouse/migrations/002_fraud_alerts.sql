-- Fraud alerts raised by the Drools rules over the rated-CDR stream. alert_id is deterministic
-- (rule, subject, window start), so a replay updates the alert instead of duplicating it; an analyst's
-- status change is a new row with a later updated_at.
CREATE TABLE IF NOT EXISTS fraud_alerts
(
    alert_id          String,
    rule_id           LowCardinality(String),
    severity          LowCardinality(String),                  -- LOW, MEDIUM, HIGH, CRITICAL
    customer_id       LowCardinality(String),
    subject           String,                                  -- what the rule fired on: prefix, a-number, vendor...
    window_start      DateTime64(3, 'UTC'),
    window_end        DateTime64(3, 'UTC'),
    first_event_time  DateTime64(3, 'UTC'),
    last_event_time   DateTime64(3, 'UTC'),
    call_count        UInt32,
    total_duration_s  UInt64,
    total_amount      Decimal(18, 6),
    currency          LowCardinality(String),
    evidence          String,                                  -- JSON: windows, counts, amounts
    action            LowCardinality(String),                  -- none, block
    status            LowCardinality(String) DEFAULT 'open',   -- open, acknowledged, closed, false_positive
    raised_at         DateTime64(3, 'UTC'),
    updated_at        DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
PARTITION BY toYYYYMM(window_start)
ORDER BY (customer_id, rule_id, alert_id);
