-- Rated CDRs: one row per call, written by the Flink rating job (and the re-rating job).
-- Idempotent on call_id: the sorting key is the call id alone (the Asterisk channel id of the customer leg),
-- so a replayed or re-rated call is the same row; the highest rating_version wins.
-- Read with FINAL (or argMax by rating_version) to see each call once before background merges.
CREATE TABLE IF NOT EXISTS rated_cdrs
(
    call_id               String,
    rating_version        UInt64,                              -- re-rating writes a higher version
    customer_id           LowCardinality(String),
    a_number              String,
    b_number              String,                              -- E.164, normalised
    setup_time            DateTime64(3, 'UTC'),
    answer_time           Nullable(DateTime64(3, 'UTC')),
    end_time              DateTime64(3, 'UTC'),
    duration_ms           UInt64,                              -- answer to end; 0 when unanswered
    disposition           LowCardinality(String),              -- ANSWERED, BUSY, NO_ANSWER, CONGESTION, FAILED
    cause                 UInt16,                              -- Q.850 cause of the call
    attempts              UInt8,
    vendor_id             LowCardinality(String),              -- vendor that carried the call ('' if none)
    pdd_ms                UInt32,                              -- post-dial delay of the carrying attempt
    currency              LowCardinality(String),
    customer_deck_id      LowCardinality(String),
    customer_deck_version UInt32,
    customer_prefix       String,
    customer_rate         Decimal(18, 6),                      -- per minute
    customer_billed_s     UInt32,
    customer_amount       Decimal(18, 6),
    vendor_deck_id        LowCardinality(String),
    vendor_deck_version   UInt32,
    vendor_prefix         String,
    vendor_rate           Decimal(18, 6),
    vendor_billed_s       UInt32,
    vendor_amount         Decimal(18, 6),
    margin                Decimal(18, 6),                      -- customer_amount - vendor_amount
    rating_reason         String DEFAULT '',                   -- why a call could not be rated; '' when rated
    rated_at              DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_customer customer_id TYPE set(1000) GRANULARITY 4,
    INDEX idx_vendor vendor_id TYPE set(1000) GRANULARITY 4,
    INDEX idx_setup setup_time TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree(rating_version)
PARTITION BY toYYYYMM(setup_time)
ORDER BY call_id;
