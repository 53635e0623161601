-- Rate deck rows, versioned: every import of a deck is a new deck_version and older versions stay,
-- so a CDR can always be re-rated against the version it was rated with (rated_cdrs.*_deck_version).
-- Re-importing the same file as the same version is idempotent (same sorting key).
CREATE TABLE IF NOT EXISTS rate_deck_rows
(
    deck_id                 LowCardinality(String),            -- e.g. vendor-a, customer-acme
    owner_kind              LowCardinality(String),            -- customer, vendor
    owner_id                LowCardinality(String),
    deck_version            UInt32,
    currency                LowCardinality(String),
    prefix                  String,
    destination             String,
    rate                    Decimal(18, 6),                    -- per minute, in the deck's currency
    connect_fee             Decimal(18, 6),
    initial_increment_s     UInt16,                            -- a of a/b
    subsequent_increment_s  UInt16,                            -- b of a/b
    min_duration_s          UInt32,
    effective_from          DateTime64(3, 'UTC'),
    effective_to            Nullable(DateTime64(3, 'UTC')),    -- NULL = open
    decimals                UInt8 DEFAULT 6,
    rounding                LowCardinality(String) DEFAULT 'HALF_UP',
    source_file             String,
    source_line             UInt32,
    imported_at             DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(imported_at)
ORDER BY (deck_id, deck_version, prefix, effective_from);
