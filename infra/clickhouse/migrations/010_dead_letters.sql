-- Every refused input, in one place: where it came from (file and line, or topic, partition and offset),
-- the input as it was, and why it was refused. `tollgate deadletter list|show` reads it.
-- Keyed by origin and batch (the run that refused it, e.g. a CDR import id, which is the same on a rerun),
-- so rerunning an import replaces its letters instead of doubling them. Not partitioned by time: a rerun
-- months later must land in the same part range to replace.
CREATE TABLE IF NOT EXISTS dead_letters
(
    origin_kind  LowCardinality(String),                      -- file, topic
    origin       String,                                      -- file name or topic
    partition    Int32,                                       -- topic partition; -1 for a file
    position     UInt64,                                      -- file line (1-based) or topic offset
    batch        String,                                      -- the run that refused it; '' if none
    refused_by   LowCardinality(String),                      -- e.g. cdr-import
    reason       String,
    raw          String,                                      -- the input exactly as read
    refused_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(refused_at)
ORDER BY (origin_kind, origin, partition, position, batch);
