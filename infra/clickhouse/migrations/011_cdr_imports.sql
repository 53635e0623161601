-- The ledger of CDR file imports: one row per (carrier, file digest), so the same file imported twice is
-- recognised by its SHA-256 whatever its name. The import id is derived from carrier and digest, so a rerun of an
-- interrupted import writes the same id (its rows in carrier_cdrs replace the earlier ones by key).
-- status: started, complete, failed. Only a complete import is whole; readers that must not see an import in
-- progress join carrier_cdrs on import_id with status = 'complete'.
CREATE TABLE IF NOT EXISTS cdr_imports
(
    carrier_id   LowCardinality(String),
    digest       String,                                      -- SHA-256 of the file's bytes, hex
    import_id    String,
    file_name    String,
    format       LowCardinality(String),                      -- asterisk-master, generic
    time_zone    String,
    rows         UInt64,                                      -- data rows read
    imported     UInt64,                                      -- rows written to carrier_cdrs
    refused      UInt64,                                      -- rows sent to the dead-letter
    status       LowCardinality(String),
    updated_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (carrier_id, digest);

-- The line of the file each CDR starts on (file_row counts data records; the two differ by the header, blank
-- lines and quoted line breaks), so a person can open the file at the row.
ALTER TABLE carrier_cdrs ADD COLUMN IF NOT EXISTS file_line UInt64 DEFAULT 0 AFTER file_row;
