package io.tollgate.reports.invoice;

import java.time.Instant;

/**
 * Which rated calls one invoice takes: those of {@code customerId} that started in [{@code start}, {@code end})
 * and are not billed yet, plus, as adjustments, calls from [{@code lookback}, {@code adjustUntil}) (periods already
 * finalised) whose amount differs from what was billed for them: late arrivals and re-ratings.
 */
record InvoiceScope(String invoiceId, String customerId, Instant start, Instant end, Instant adjustUntil,
                    Instant lookback) {
}
