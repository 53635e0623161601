-- Carrier reconciliation runs from the CDR store (`tollgate reconcile --vendor`): one row per run and status, the
-- latest winning (read with FINAL). A run writes `started`, then its lines in recon_results, then `complete` with the
-- number of lines: a run still `started` was interrupted and its lines are not whole. Tolerances are kept as the
-- plain decimals that were applied (seconds for time and duration).
CREATE TABLE IF NOT EXISTS recon_runs
(
    recon_id              String,
    carrier_id            LowCardinality(String),
    period_from           DateTime64(3, 'UTC'),
    period_to             DateTime64(3, 'UTC'),                -- exclusive
    file_name             String,                              -- '' = every file of the carrier
    time_tolerance_s      String,
    duration_tolerance_s  String,
    cost_tolerance        String,
    currency              LowCardinality(String),              -- of both sides' amounts; '' when neither says
    lines                 UInt64,                              -- rows in recon_results; 0 until complete
    status                LowCardinality(String),              -- started, complete
    started_at            DateTime64(3, 'UTC'),
    updated_at            DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY recon_id;

-- A run over several of the carrier's files has their rows numbered per file: the file is part of a line's key, or
-- two unpaired rows with the same number in two files would replace each other. (Adding a column that was just
-- added to the end of the sorting key is a change of metadata only.)
ALTER TABLE recon_results
    ADD COLUMN IF NOT EXISTS their_file String AFTER their_row,
    MODIFY ORDER BY (recon_id, our_call_id, their_row, their_file);
