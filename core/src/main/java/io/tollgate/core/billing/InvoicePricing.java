package io.tollgate.core.billing;

import io.tollgate.core.money.FxRates;
import io.tollgate.core.money.Rounding;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices an invoice from the exact sums of its calls.
 *
 * <p>The net total is the exact sum of every call covered, rounded once to the currency's minor unit, so an invoice
 * equals its CDRs to the cent. Lines are rounded too, and where their rounded amounts would not add up to the net,
 * the cents left over go to the lines that lost most in rounding (largest remainder), so the printed lines always
 * add up to the printed net. Tax is charged on the net, rounded once.
 */
public final class InvoicePricing {

    private InvoicePricing() {
    }

    /**
     * @param fxAt when a rate to convert calls rated in another currency is read (the period's end)
     * @throws MissingFxRateException when calls were rated in a currency with no rate into {@code currency}
     */
    public static InvoiceAmounts price(List<LineTotals> groups, Currency currency, TaxProfile tax, FxRates fx,
                                       Instant fxAt) {
        Map<Currency, FxConversion> conversions = new LinkedHashMap<>();
        List<BigDecimal> exact = new ArrayList<>();
        List<BigDecimal> rates = new ArrayList<>();
        for (LineTotals group : groups) {
            BigDecimal factor = factor(group.currency(), currency, fx, fxAt, conversions);
            exact.add(group.amount().multiply(factor));
            rates.add(Rounding.DEFAULT.apply(group.rate().multiply(factor)));
        }
        Rounding rounding = Rounding.invoiceAmounts(currency);
        BigDecimal exactNet = exact.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal net = rounding.apply(exactNet);
        List<BigDecimal> amounts = allocate(exact, net, rounding);
        List<InvoiceLine> lines = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            LineTotals g = groups.get(i);
            lines.add(new InvoiceLine(i + 1, g.destination(), g.prefix(), rates.get(i), g.calls(), g.billedSeconds(),
                    exact.get(i), amounts.get(i), g.adjustment()));
        }
        BigDecimal taxRate = tax.kind() == TaxProfile.Kind.STANDARD ? tax.rate() : BigDecimal.ZERO;
        BigDecimal taxAmount = rounding.apply(net.multiply(taxRate));
        return new InvoiceAmounts(lines, exactNet, net, taxRate, taxAmount, net.add(taxAmount), taxNote(tax),
                List.copyOf(conversions.values()));
    }

    /** Rounds each amount so that together they make {@code total}: largest remainders take the spare units. */
    static List<BigDecimal> allocate(List<BigDecimal> exact, BigDecimal total, Rounding rounding) {
        List<BigDecimal> rounded = new ArrayList<>(exact.stream().map(rounding::apply).toList());
        BigDecimal unit = BigDecimal.ONE.movePointLeft(rounding.decimals());
        BigDecimal short_ = total.subtract(rounded.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        int steps = short_.divide(unit).intValueExact();
        if (steps == 0) {
            return rounded;
        }
        BigDecimal step = steps > 0 ? unit : unit.negate();
        // the lines whose rounding moved them furthest from the direction we must correct in come first
        Comparator<Integer> lostMost = Comparator.comparing(i -> exact.get(i).subtract(rounded.get(i)));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < exact.size(); i++) {
            order.add(i);
        }
        order.sort(steps > 0 ? lostMost.reversed().thenComparing(i -> i) : lostMost.thenComparing(i -> i));
        for (int k = 0; k < Math.abs(steps); k++) {
            int i = order.get(k % order.size());
            rounded.set(i, rounded.get(i).add(step));
        }
        return rounded;
    }

    private static BigDecimal factor(Currency rated, Currency invoiced, FxRates fx, Instant at,
                                     Map<Currency, FxConversion> used) {
        if (rated.equals(invoiced)) {
            return BigDecimal.ONE;
        }
        BigDecimal rate = fx.rate(rated, invoiced, at).orElseThrow(() -> new MissingFxRateException(rated, invoiced, at));
        used.putIfAbsent(rated, new FxConversion(rated, invoiced, rate, at));
        return rate;
    }

    private static String taxNote(TaxProfile tax) {
        return switch (tax.kind()) {
            case STANDARD -> "";
            case REVERSE_CHARGE -> "Reverse charge: VAT to be accounted for by the recipient"
                    + (tax.taxId().isEmpty() ? "" : " (VAT id " + tax.taxId() + ")") + ".";
            case EXEMPT -> "Exempt from tax.";
        };
    }
}
