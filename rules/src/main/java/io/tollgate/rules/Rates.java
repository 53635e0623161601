package io.tollgate.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Measured rates and means shown in evidence: four decimals are enough for an analyst to read. */
final class Rates {
    private Rates() {
    }

    static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }
}
