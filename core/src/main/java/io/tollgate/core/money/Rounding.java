package io.tollgate.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

/**
 * The one rounding rule of Tollgate: a number of decimals and a mode (UP, HALF_UP or DOWN).
 *
 * <p>Amounts are computed exactly and rounded once, here, per call or per invoice line; nowhere else rounds money.
 */
public record Rounding(int decimals, RoundingMode mode) {
    public static final int MAX_DECIMALS = 12;
    /** The default of ARCHITECTURE.md: 6 decimals, HALF_UP. */
    public static final Rounding DEFAULT = new Rounding(6, RoundingMode.HALF_UP);

    public Rounding {
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("decimals must be between 0 and " + MAX_DECIMALS + ", got " + decimals);
        }
        if (mode != RoundingMode.UP && mode != RoundingMode.HALF_UP && mode != RoundingMode.DOWN) {
            throw new IllegalArgumentException("rounding mode must be UP, HALF_UP or DOWN, got " + mode);
        }
    }

    /** Parses UP, HALF_UP or DOWN (case-insensitive; HALF-UP also accepted). */
    public static RoundingMode parseMode(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (name) {
            case "UP" -> RoundingMode.UP;
            case "HALF_UP" -> RoundingMode.HALF_UP;
            case "DOWN" -> RoundingMode.DOWN;
            default -> throw new IllegalArgumentException("rounding must be UP, HALF_UP or DOWN, got '" + text + "'");
        };
    }

    /** Amounts on invoices: the currency's minor unit (cents for EUR, none for JPY), HALF_UP. */
    public static Rounding invoiceAmounts(Currency currency) {
        return new Rounding(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_UP);
    }

    public BigDecimal apply(BigDecimal exact) {
        return exact.setScale(decimals, mode);
    }

    /** {@code numerator / divisor} rounded once by this rule: exact even where the quotient does not terminate. */
    public BigDecimal divide(BigDecimal numerator, BigDecimal divisor) {
        return numerator.divide(divisor, decimals, mode);
    }
}
