/**
 * Finance exports read from ClickHouse, as CSV or XLSX: margin by customer, vendor, destination or day; traffic
 * (attempts, ASR, NER, ACD, PDD) by vendor and destination; unrated and flagged calls.
 */
package io.tollgate.reports.export;
