-- Lines of an invoice (one per destination/prefix and rate, or a fee). Rewritten with the draft.
CREATE TABLE IF NOT EXISTS invoice_lines
(
    invoice_id   String,
    line_no      UInt32,
    customer_id  LowCardinality(String),
    description  String,
    destination  String,
    prefix       String,
    calls        UInt64,
    billed_s     UInt64,
    rate         Decimal(18, 6),                               -- per minute
    amount       Decimal(18, 6),
    currency     LowCardinality(String),
    updated_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (invoice_id, line_no);
