package io.tollgate.core.billing;

import java.math.BigDecimal;

/**
 * How invoices tax a customer.
 *
 * @param kind  how tax applies
 * @param rate  the rate charged as a fraction (0.19 for 19%); zero unless {@link Kind#STANDARD}
 * @param taxId the customer's tax registration (VAT id); required for reverse charge, else may be empty
 */
public record TaxProfile(Kind kind, BigDecimal rate, String taxId) {
    public enum Kind {
        /** We charge {@code rate} on the invoice. */
        STANDARD,
        /** The customer accounts for the tax (cross-border B2B): no tax on the invoice, their tax id printed. */
        REVERSE_CHARGE,
        /** No tax. */
        EXEMPT
    }
}
