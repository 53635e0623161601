/** Finance exports read from ClickHouse, as CSV or XLSX: margin by customer, vendor, destination or day; unrated and flagged calls. */
package io.tollgate.reports.export;
