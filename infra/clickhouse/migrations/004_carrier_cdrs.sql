-- CDRs as a carrier sent them (their invoice backing file), for reconciliation against rated_cdrs.
-- Keyed by file and row, so importing the same file again does not duplicate rows.
CREATE TABLE IF NOT EXISTS carrier_cdrs
(
    carrier_id   LowCardinality(String),
    file_name    String,
    file_row     UInt32,                                       -- 1-based data row in the file
    import_id    String,
    call_id      String,                                       -- their call id; may be empty
    a_number     String,                                       -- may be empty
    b_number     String,
    start_time   DateTime64(3, 'UTC'),
    duration_s   Decimal(12, 3),
    cost         Decimal(18, 6),
    currency     LowCardinality(String),
    imported_at  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(imported_at)
PARTITION BY toYYYYMM(start_time)
ORDER BY (carrier_id, file_name, file_row);
