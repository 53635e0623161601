package io.tollgate.reports.invoice;

import io.tollgate.core.billing.LineTotals;

/**
 * The calls of one invoice line as the store summed them, with an order-free digest of their (call id, amount)
 * pairs: the XOR of the lines' digests is the invoice's.
 */
record CallGroup(String invoiceId, String deckId, long deckVersion, LineTotals totals, long digestA, long digestB) {
}
