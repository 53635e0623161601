-- Results of a carrier reconciliation run, one row per pair or unpaired CDR (classes as in `tollgate reconcile`).
-- A retried run with the same recon_id replaces its rows.
CREATE TABLE IF NOT EXISTS recon_results
(
    recon_id          String,
    carrier_id        LowCardinality(String),
    class             LowCardinality(String),                  -- matched, duration_mismatch, cost_mismatch, missing_theirs, missing_ours
    our_call_id       String,                                  -- '' when missing_ours
    their_row         UInt32,                                  -- 1-based row in their file; 0 when missing_theirs
    b_number          String,
    our_start         Nullable(DateTime64(3, 'UTC')),
    their_start       Nullable(DateTime64(3, 'UTC')),
    our_duration_s    Nullable(Decimal(12, 3)),
    their_duration_s  Nullable(Decimal(12, 3)),
    our_cost          Nullable(Decimal(18, 6)),
    their_cost        Nullable(Decimal(18, 6)),
    impact            Decimal(18, 6),                          -- their cost - our cost (a missing side counts 0)
    created_at        DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(created_at)
ORDER BY (recon_id, our_call_id, their_row);
