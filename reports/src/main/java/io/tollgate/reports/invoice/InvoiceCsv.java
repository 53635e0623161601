package io.tollgate.reports.invoice;

import io.tollgate.core.billing.Invoice;
import io.tollgate.core.billing.InvoiceAmounts;
import io.tollgate.core.billing.InvoiceLine;
import io.tollgate.core.csv.CsvOutput;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

/**
 * An invoice as CSV for finance: one row per line (kind {@code call} or {@code adjustment}), then one row each for
 * {@code net}, {@code tax} and {@code total}, where only the amount is filled. The call and adjustment amounts add up
 * to the net, and net plus tax is the total, exactly as on the PDF: both print their figures with {@link #amount}
 * and {@link #rate}. Text that would start a spreadsheet formula is defused by {@link CsvOutput}.
 */
public final class InvoiceCsv {
    public static final List<String> COLUMNS = List.of("invoice", "line_no", "kind", "description", "destination",
            "prefix", "calls", "billed_minutes", "rate", "amount", "currency");

    private InvoiceCsv() {
    }

    /** Writes the invoice; {@code out} is flushed and left open (the caller owns it). */
    public static void write(Invoice invoice, Writer out) throws IOException {
        String ref = invoice.number().isEmpty() ? invoice.invoiceId() : invoice.number();
        Currency currency = invoice.currency();
        String code = currency.getCurrencyCode();
        InvoiceAmounts amounts = invoice.amounts();
        CsvOutput csv = CsvOutput.open(out, COLUMNS);
        for (InvoiceLine line : amounts.lines()) {
            csv.row(ref, Integer.toString(line.lineNo()), line.adjustment() ? "adjustment" : "call", line.description(),
                    line.destination(), line.prefix(), Long.toString(line.calls()),
                    line.billedMinutes().toPlainString(), rate(line.rate(), currency),
                    amount(line.amount(), currency), code);
        }
        csv.row(ref, "", "net", "Net", "", "", "", "", "", amount(amounts.net(), currency), code);
        String taxText = "Tax " + percent(amounts.taxRate()) + " %"
                + (amounts.taxNote().isEmpty() ? "" : ": " + amounts.taxNote());
        csv.row(ref, "", "tax", taxText, "", "", "", "", "", amount(amounts.tax(), currency), code);
        csv.row(ref, "", "total", "Total", "", "", "", "", "", amount(amounts.total(), currency), code);
        csv.flush();
    }

    /**
     * An amount as printed: a plain decimal with the currency's minor unit (2 for EUR, 0 for JPY), never an
     * exponent. Invoice amounts are already rounded to it, so this never rounds; it refuses an amount that is not.
     */
    static String amount(BigDecimal amount, Currency currency) {
        try {
            return amount.setScale(decimals(currency), RoundingMode.UNNECESSARY).toPlainString();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("invoice amount " + amount.toPlainString() + " has more decimals than "
                    + currency.getCurrencyCode() + " prints; amounts are rounded when priced, not when printed", e);
        }
    }

    /** A rate per minute: as precise as priced, trailing zeros dropped, but at least the currency's decimals. */
    static String rate(BigDecimal rate, Currency currency) {
        BigDecimal plain = rate.stripTrailingZeros();
        return (plain.scale() < decimals(currency) ? plain.setScale(decimals(currency)) : plain).toPlainString();
    }

    /** A tax rate held as a fraction, in percent: 0.19 is "19", 0.055 is "5.5". */
    static String percent(BigDecimal fraction) {
        BigDecimal percent = fraction.movePointRight(2).stripTrailingZeros();
        return (percent.scale() < 0 ? percent.setScale(0) : percent).toPlainString();
    }

    private static int decimals(Currency currency) {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }
}
