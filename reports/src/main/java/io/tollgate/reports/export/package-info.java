/** Finance exports read from ClickHouse: margin by customer, vendor, destination or day. */
package io.tollgate.reports.export;
