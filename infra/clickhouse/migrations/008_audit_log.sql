-- Who did what: deck imports and activations, invoice finalisation, blocks/unblocks, alert status changes.
-- Append-only.
CREATE TABLE IF NOT EXISTS audit_log
(
    event_time    DateTime64(3, 'UTC') DEFAULT now64(3),
    event_id      UUID DEFAULT generateUUIDv4(),
    actor         LowCardinality(String),                      -- user name or service id
    source        LowCardinality(String),                      -- cli, console, agent, job
    action        LowCardinality(String),                      -- e.g. deck.import, invoice.finalize, instruction.block
    subject_type  LowCardinality(String),
    subject_id    String,
    details       String                                       -- JSON
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (event_time, event_id);
