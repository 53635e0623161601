-- Invoices and credit notes. A draft is rewritten until it is final; each change is a new row with a
-- later updated_at (ReplacingMergeTree keeps the last). invoice_number is given when the invoice is final.
CREATE TABLE IF NOT EXISTS invoices
(
    invoice_id             String,
    invoice_number         String DEFAULT '',
    kind                   LowCardinality(String),             -- invoice, credit_note
    status                 LowCardinality(String),             -- draft, final, void
    customer_id            LowCardinality(String),
    period_start           Date,
    period_end             Date,                               -- inclusive
    currency               LowCardinality(String),
    net_amount             Decimal(18, 6),
    tax_rate               Decimal(9, 6),
    tax_amount             Decimal(18, 6),
    total_amount           Decimal(18, 6),
    credit_for_invoice_id  String DEFAULT '',                  -- credit notes: the invoice they correct
    issued_at              Nullable(DateTime64(3, 'UTC')),
    due_date               Nullable(Date),
    document_path          String DEFAULT '',                  -- the rendered PDF
    created_at             DateTime64(3, 'UTC') DEFAULT now64(3),
    updated_at             DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (customer_id, invoice_id);
