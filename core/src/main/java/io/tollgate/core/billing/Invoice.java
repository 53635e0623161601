package io.tollgate.core.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * An invoice or a credit note for one customer and period.
 *
 * @param number      empty until the document is final
 * @param creditFor   a credit note: the number of the invoice it credits; empty for an invoice
 * @param issuedOn    the date it was finalised, in the customer's time zone; null for a draft
 * @param dueOn       when payment is due; null for a draft
 */
public record Invoice(String invoiceId, String number, Kind kind, InvoiceStatus status, String customerId,
                      BillingPeriod period, Currency currency, InvoiceAmounts amounts, Coverage coverage,
                      String creditFor, LocalDate issuedOn, LocalDate dueOn, Instant updatedAt) {

    public enum Kind {
        INVOICE, CREDIT_NOTE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public Invoice {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(amounts, "amounts");
        Objects.requireNonNull(coverage, "coverage");
    }

    /** How people refer to it: its number once it has one, else the draft's id. */
    public String reference() {
        return number.isEmpty() ? "draft " + invoiceId : number;
    }

    public Invoice finalised(String newNumber, LocalDate issued, LocalDate due, Instant at) {
        status.checkMoveTo(InvoiceStatus.FINAL, reference());
        return new Invoice(invoiceId, newNumber, kind, InvoiceStatus.FINAL, customerId, period, currency, amounts,
                coverage, creditFor, issued, due, at);
    }

    public Invoice voided(Instant at) {
        status.checkMoveTo(InvoiceStatus.VOID, reference());
        return new Invoice(invoiceId, number, kind, InvoiceStatus.VOID, customerId, period, currency, amounts,
                coverage, creditFor, issuedOn, dueOn, at);
    }
}
