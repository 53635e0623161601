-- Invoicing (issue 9): what each final invoice covers, gapless numbers, and the figures an invoice is printed from.
--
-- invoice_cdrs: one row per call an invoice bills, written when the invoice is finalised (drafts cover nothing).
-- amount is what the invoice charged for the call in the currency it was rated in: the whole amount the first
-- time, the difference when a late re-rating is billed as an adjustment. What a call has been billed so far is the
-- sum over final (not void) invoices, so a call is never billed twice and a voided invoice's calls are billable again.
CREATE TABLE IF NOT EXISTS invoice_cdrs
(
    invoice_id    String,
    customer_id   LowCardinality(String),
    call_id       String,
    setup_time    DateTime64(3, 'UTC'),
    adjustment    UInt8,                                       -- 1: a call of an earlier, finalised period
    deck_id       LowCardinality(String),
    deck_version  UInt32,
    prefix        String,
    rate          Decimal(18, 6),
    billed_s      UInt32,
    currency      LowCardinality(String),
    amount        Decimal(18, 6)
)
ENGINE = ReplacingMergeTree
ORDER BY (customer_id, invoice_id, call_id);

-- Invoice numbers: finalising claims the next number of its series (INV-2026-...), then reads the claims back; the
-- earliest claim of a number wins and the loser tries the next. An invoice that claimed a number keeps it (a retried
-- finalisation finds its claim), so numbers are gapless and never reused.
CREATE TABLE IF NOT EXISTS invoice_number_claims
(
    series      String,
    seq         UInt64,
    invoice_id  String,
    claimed_at  DateTime64(6, 'UTC') DEFAULT now64(6)
)
ENGINE = MergeTree
ORDER BY (series, seq, claimed_at, invoice_id);

ALTER TABLE invoices ADD COLUMN IF NOT EXISTS generation UInt32 DEFAULT 0;           -- +1 each time a voided period is invoiced again
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS exact_net Decimal(38, 18) DEFAULT 0;   -- the calls' sum before the one rounding
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS tax_note String DEFAULT '';
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS fx_conversions String DEFAULT '';      -- FROM>TO=RATE@INSTANT;...
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS coverage_calls UInt64 DEFAULT 0;
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS coverage_amount Decimal(38, 18) DEFAULT 0;
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS coverage_digest String DEFAULT '';     -- XOR of sipHash64 and cityHash64 of (call_id, amount)
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS issued_on Nullable(Date);
ALTER TABLE invoice_lines ADD COLUMN IF NOT EXISTS exact Decimal(38, 18) DEFAULT 0;
ALTER TABLE invoice_lines ADD COLUMN IF NOT EXISTS adjustment UInt8 DEFAULT 0;
