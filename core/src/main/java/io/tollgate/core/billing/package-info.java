/**
 * Invoicing rules, free of storage: billing cycles and periods in the customer's time zone, taxes, exchange into
 * the customer's currency, rounding lines so they add up to the total, and invoice numbering.
 */
package io.tollgate.core.billing;
