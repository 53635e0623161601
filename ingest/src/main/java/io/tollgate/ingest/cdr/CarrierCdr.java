package io.tollgate.ingest.cdr;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of a carrier's or a switch's CDR file, normalised: what {@code carrier_cdrs} holds besides the
 * carrier, the file and the import.
 *
 * @param line      the line of the file the record starts on
 * @param callId    their call id (Asterisk's uniqueid); empty when the file has none
 * @param aNumber   E.164 digits; empty when withheld or absent
 * @param bNumber   E.164 digits
 * @param start     the call's start
 * @param durationS billed (talk) seconds, at most 3 decimals
 * @param cost      their cost, at most 6 decimals; 0 when the file has none
 * @param currency  ISO 4217 code; empty when the file does not say
 */
public record CarrierCdr(long line, String callId, String aNumber, String bNumber, Instant start,
                         BigDecimal durationS, BigDecimal cost, String currency) {
}
