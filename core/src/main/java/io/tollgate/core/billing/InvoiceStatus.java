package io.tollgate.core.billing;

import java.util.Locale;

/**
 * Where an invoice is in its life: a draft may be rebuilt as often as wanted; a final invoice has its number and
 * never changes again; a void one keeps its number (numbers are never reused) but no longer counts.
 */
public enum InvoiceStatus {
    DRAFT, FINAL, VOID;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InvoiceStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** Refuses a move this life cycle does not allow, saying what can be done instead. */
    public void checkMoveTo(InvoiceStatus next, String invoice) {
        boolean allowed = (this == DRAFT && next == FINAL) || (this == FINAL && next == VOID);
        if (!allowed) {
            throw new IllegalStateException(invoice + " is " + label() + " and cannot become " + next.label()
                    + (this == DRAFT && next == VOID ? "; a draft needs no voiding, it is rebuilt on the next run"
                    : this == VOID ? "; invoice the period again for a new invoice"
                    : "; a final invoice is corrected by a credit note or voided"));
        }
    }
}
