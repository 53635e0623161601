-- Vendor quality: per vendor, destination (E.164 country calling code) and sliding window, the counts the Flink
-- vendor-quality job tallied and the ratios derived from them (io.tollgate.core.quality.VendorQuality, which rounds
-- every ratio once to 4 decimals HALF_UP; a ratio is NULL when its denominator is 0, e.g. the ACD of a window with
-- no answered call). Idempotent on (vendor_id, destination, window_start, window_end): a replayed or re-fired
-- window replaces its row, the latest write winning. Read with FINAL.
-- Sum the counts, not the ratios, to look across windows or destinations: the ASR of two cells is
-- sum(answered) / sum(attempts), not the average of their ASRs. With sliding windows every attempt is in
-- size/slide windows: sum over windows that do not overlap.
CREATE TABLE IF NOT EXISTS vendor_quality
(
    vendor_id     LowCardinality(String),
    destination   LowCardinality(String),                      -- country calling code, e.g. 49; unknown: first 3 digits
    window_start  DateTime64(3, 'UTC'),
    window_end    DateTime64(3, 'UTC'),                        -- exclusive
    attempts      UInt64,                                      -- route attempts on this vendor
    answered      UInt64,
    effective     UInt64,                                      -- answered, or failed for the user: Q.850 16, 17, 18, 19, 21
    answered_s    Decimal(18, 6),                              -- answered seconds, summed
    pdd_samples   UInt64,                                      -- attempts that reported a post-dial delay
    pdd_sum_ms    UInt64,
    asr           Nullable(Decimal(9, 4)),                     -- answered / attempts
    ner           Nullable(Decimal(9, 4)),                     -- effective / attempts
    acd_s         Nullable(Decimal(18, 4)),                    -- answered_s / answered
    pdd_ms        Nullable(Decimal(18, 4)),                    -- pdd_sum_ms / pdd_samples
    written_at    DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(written_at)
PARTITION BY toYYYYMM(window_start)
ORDER BY (vendor_id, destination, window_start, window_end);
