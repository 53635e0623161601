package io.tollgate.reports.recon;

import java.math.BigDecimal;

/**
 * One line of a reconciliation: a pair, or a CDR only one side has.
 *
 * @param ours   null for {@code missing_ours}
 * @param theirs null for {@code missing_theirs}
 */
public record ReconLine(ReconClass reconClass, CarrierRecord ours, CarrierRecord theirs) {

    /** Their cost minus ours, exactly; a missing side counts as 0. */
    public BigDecimal impact() {
        BigDecimal their = theirs == null ? BigDecimal.ZERO : theirs.cost();
        BigDecimal our = ours == null ? BigDecimal.ZERO : ours.cost();
        return their.subtract(our);
    }

    /** The normalised B-number both sides (or the one present) have. */
    public String bNumber() {
        return ours != null ? ours.bNumber() : theirs.bNumber();
    }
}
