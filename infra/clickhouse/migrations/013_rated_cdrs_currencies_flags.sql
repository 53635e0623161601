-- Rated CDRs keep each leg's currency (a customer invoiced in USD, a vendor billing in EUR), the exchange rate the
-- margin used, what CDR assembly could not vouch for, every route attempt, and who rated the row.
ALTER TABLE rated_cdrs ADD COLUMN IF NOT EXISTS vendor_currency LowCardinality(String) DEFAULT '' AFTER vendor_amount;
ALTER TABLE rated_cdrs ADD COLUMN IF NOT EXISTS fx_rate Decimal(24, 12) DEFAULT 1 AFTER vendor_currency;  -- customer currency per vendor currency unit
ALTER TABLE rated_cdrs ADD COLUMN IF NOT EXISTS flags Array(LowCardinality(String)) DEFAULT [] AFTER rating_reason;  -- TIMED_OUT, EVENTS_MISSING, SWEPT
ALTER TABLE rated_cdrs ADD COLUMN IF NOT EXISTS attempt_list String DEFAULT '[]' AFTER attempts;  -- JSON: vendor, legId, cause, pddMs, answered
ALTER TABLE rated_cdrs ADD COLUMN IF NOT EXISTS rated_by LowCardinality(String) DEFAULT 'stream' AFTER rated_at;  -- stream, or rerate:<run id>
