-- Re-rating (`tollgate rerate`): a run re-prices one side (a customer's revenue or a vendor's cost) of a period's
-- rated CDRs with a new deck version. Its new ratings go to rated_cdrs_shadow first; only a committed run copies them
-- into rated_cdrs, at a rating_version above the ones they supersede, and appends what they superseded to
-- rating_history. rated_cdrs itself is never updated in place: ReplacingMergeTree keeps the highest version per call.

-- One row per run, rewritten when the run is committed (read with FINAL).
CREATE TABLE IF NOT EXISTS rerate_runs
(
    rerate_id        UUID,
    party_kind       LowCardinality(String),                  -- customer or vendor: the side re-priced
    party_id         String,
    period_from      DateTime64(3, 'UTC'),                    -- setup_time >= period_from
    period_to        DateTime64(3, 'UTC'),                    -- setup_time < period_to
    deck_id          LowCardinality(String),                  -- the new deck, as the re-priced legs name it
    deck_version     UInt32,
    deck_file        String,
    deck_sha256      String,
    currency         LowCardinality(String),                  -- the new deck's (the party's currency)
    rating_version   UInt64,                                  -- what a commit writes into rated_cdrs
    calls            UInt64,                                  -- calls re-rated
    changed          UInt64,                                  -- of which priced differently
    started_at       DateTime64(3, 'UTC'),
    started_by       String,
    committed_at     Nullable(DateTime64(3, 'UTC')),          -- NULL: a dry run, nothing in rated_cdrs changed
    updated_at       DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY rerate_id;

-- The new ratings of each run: the columns of rated_cdrs in their order, then the run and the rating each row would
-- supersede, in the order RerateStore inserts them (the driver's RowBinary insert writes columns in table order).
-- Kept 30 days: long enough to look at a dry run again; history keeps what a commit changed for good.
-- A column added to rated_cdrs later is added here too (the commit copies these columns by name).
CREATE TABLE IF NOT EXISTS rated_cdrs_shadow
(
    call_id               String,
    rating_version        UInt64,                              -- the run's: a commit writes this row at it
    customer_id           LowCardinality(String),
    a_number              String,
    b_number              String,
    setup_time            DateTime64(3, 'UTC'),
    answer_time           Nullable(DateTime64(3, 'UTC')),
    end_time              DateTime64(3, 'UTC'),
    duration_ms           UInt64,
    disposition           LowCardinality(String),
    cause                 UInt16,
    attempts              UInt8,
    attempt_list          String DEFAULT '[]',
    vendor_id             LowCardinality(String),
    pdd_ms                UInt32,
    currency              LowCardinality(String),
    customer_deck_id      LowCardinality(String),
    customer_deck_version UInt32,
    customer_prefix       String,
    customer_rate         Decimal(18, 6),
    customer_billed_s     UInt32,
    customer_amount       Decimal(18, 6),
    vendor_deck_id        LowCardinality(String),
    vendor_deck_version   UInt32,
    vendor_prefix         String,
    vendor_rate           Decimal(18, 6),
    vendor_billed_s       UInt32,
    vendor_amount         Decimal(18, 6),
    vendor_currency       LowCardinality(String) DEFAULT '',
    fx_rate               Decimal(24, 12) DEFAULT 1,
    margin                Decimal(18, 6),
    rating_reason         String DEFAULT '',
    flags                 Array(LowCardinality(String)) DEFAULT [],
    rated_at              DateTime64(3, 'UTC') DEFAULT now64(3),
    rated_by              LowCardinality(String),              -- rerate:<rerate_id>
    rerate_id             UUID,
    -- the stored rating this row supersedes
    superseded_version    UInt64,
    superseded_by         LowCardinality(String),              -- who rated it: stream, or rerate:<id>
    superseded_at         DateTime64(3, 'UTC'),
    old_customer_deck_id      LowCardinality(String),
    old_customer_deck_version UInt32,
    old_customer_amount       Decimal(18, 6),
    old_vendor_deck_id        LowCardinality(String),
    old_vendor_deck_version   UInt32,
    old_vendor_amount         Decimal(18, 6),
    old_margin                Decimal(18, 6),                  -- 0 when it was unrated
    old_rating_reason         String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(rated_at)
ORDER BY (rerate_id, call_id)
TTL toDateTime(rated_at) + INTERVAL 30 DAY;

-- Which deck version rated which call, and when: one row each time a committed run superseded a call's rating.
-- Append-only. A call's whole story is its rows by rating_version, the first row's old_* being the stream's rating.
CREATE TABLE IF NOT EXISTS rating_history
(
    call_id                   String,
    rating_version            UInt64,                          -- the new rating's, as in rated_cdrs
    rerate_id                 UUID,
    party_kind                LowCardinality(String),          -- the side re-priced: customer or vendor
    party_id                  String,
    superseded_version        UInt64,
    superseded_by             LowCardinality(String),
    superseded_at             DateTime64(3, 'UTC'),
    old_customer_deck_id      LowCardinality(String),
    old_customer_deck_version UInt32,
    old_customer_amount       Decimal(18, 6),
    old_vendor_deck_id        LowCardinality(String),
    old_vendor_deck_version   UInt32,
    old_vendor_amount         Decimal(18, 6),
    old_margin                Decimal(18, 6),
    old_rating_reason         String,
    customer_deck_id          LowCardinality(String),
    customer_deck_version     UInt32,
    customer_amount           Decimal(18, 6),
    vendor_deck_id            LowCardinality(String),
    vendor_deck_version       UInt32,
    vendor_amount             Decimal(18, 6),
    margin                    Decimal(18, 6),
    rating_reason             String,
    rated_at                  DateTime64(3, 'UTC'),            -- when the run priced it
    committed_at              DateTime64(3, 'UTC'),            -- when it replaced the old rating in rated_cdrs
    committed_by              String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(committed_at)
ORDER BY (call_id, rating_version);
