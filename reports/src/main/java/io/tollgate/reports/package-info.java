/** Invoices, finance exports, carrier reconciliation. Built by its own issue. */
package io.tollgate.reports;
