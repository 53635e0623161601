package io.tollgate.reports.recon;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One CDR of either side of a reconciliation, numbers already normalised.
 *
 * @param row      1-based data row in its file (the header is not counted)
 * @param callId   empty when the carrier's file has none
 * @param aNumber  E.164 digits, or empty when the file has none
 * @param bNumber  E.164 digits
 * @param duration seconds, as written (a fraction allowed)
 * @param cost     as written
 */
public record CarrierRecord(long row, String callId, String aNumber, String bNumber, Instant start,
                            BigDecimal duration, BigDecimal cost) {
}
