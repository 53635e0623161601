-- Deck version numbers are claimed before a version is stored, so two imports for one owner at the same moment
-- never take the same number: each inserts a claim for the number it wants, then reads the claims for that
-- number; the earliest claim (then the smallest claim id) wins, the other tries the next number.
CREATE TABLE IF NOT EXISTS rate_deck_version_claims
(
    deck_id       LowCardinality(String),
    deck_version  UInt32,
    claim_id      String,                                      -- random per import
    claimed_at    DateTime64(6, 'UTC') DEFAULT now64(6)
)
ENGINE = MergeTree
ORDER BY (deck_id, deck_version, claimed_at, claim_id);
