package io.tollgate.core.billing;

import java.math.BigDecimal;
import java.util.List;

/**
 * An invoice's money: lines that add up to {@code net}, the tax on it and the total, all in one currency.
 *
 * @param exactNet the unrounded sum of the calls covered; {@code net} is it rounded once
 * @param taxNote  what the invoice says about tax (reverse charge, exemption); empty for standard tax
 */
public record InvoiceAmounts(List<InvoiceLine> lines, BigDecimal exactNet, BigDecimal net, BigDecimal taxRate,
                             BigDecimal tax, BigDecimal total, String taxNote, List<FxConversion> conversions) {
    public InvoiceAmounts {
        lines = List.copyOf(lines);
        conversions = List.copyOf(conversions);
    }

    /** The same amounts with every sign turned: what a credit note for the whole invoice says. */
    public InvoiceAmounts negated() {
        List<InvoiceLine> credited = lines.stream().map(l -> l.negated(l.lineNo())).toList();
        return new InvoiceAmounts(credited, exactNet.negate(), net.negate(), taxRate, tax.negate(), total.negate(),
                taxNote, conversions);
    }
}
