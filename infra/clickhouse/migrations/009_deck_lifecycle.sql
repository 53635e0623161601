-- The rate deck lifecycle (`tollgate deck import|list|show|diff`).
-- Each deck row records who imported it and the SHA-256 of the file it came from (a reimport of the same file
-- is recognised by this digest and does nothing). A row with no effective_from ("always") is stored with
-- effective_from = 1970-01-01 00:00:00.000, since 003 made the column non-nullable.
ALTER TABLE rate_deck_rows ADD COLUMN IF NOT EXISTS imported_by LowCardinality(String) DEFAULT '';
ALTER TABLE rate_deck_rows ADD COLUMN IF NOT EXISTS source_digest String DEFAULT '';

-- One row per deck version, written after all of its rows: a version is listed only once it is complete, so a
-- crash mid-import leaves rows that no command shows (their version number is not reused: numbers only grow).
-- published_at is set (as a newer row; read with FINAL) once the deck-activation instruction is acknowledged
-- by Kafka; NULL means stored but not yet published, and rerunning the same import publishes it.
CREATE TABLE IF NOT EXISTS rate_deck_versions
(
    deck_id           LowCardinality(String),                  -- customer-acme, vendor-carrier-b
    owner_kind        LowCardinality(String),                  -- customer, vendor
    owner_id          LowCardinality(String),
    deck_version      UInt32,                                  -- per owner, growing, never reused
    source_file       String,
    source_digest     String,                                  -- SHA-256 of the file's bytes, hex
    row_count         UInt32,                                  -- rows stored
    quarantined_rows  UInt32,                                  -- bad rows set aside by --quarantine (not stored)
    imported_by       LowCardinality(String),
    imported_at       DateTime64(3, 'UTC'),
    active_from       DateTime64(3, 'UTC'),                    -- when agents and jobs switch to this version
    published_at      Nullable(DateTime64(3, 'UTC')),
    updated_at        DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (deck_id, deck_version);
