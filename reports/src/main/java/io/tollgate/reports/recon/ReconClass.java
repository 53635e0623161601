package io.tollgate.reports.recon;

import java.util.Locale;

/** What reconciliation says about one of our CDRs, one of theirs, or a pair; in the order summaries list them. */
public enum ReconClass {
    MATCHED,
    DURATION_MISMATCH,
    COST_MISMATCH,
    MISSING_THEIRS,
    MISSING_OURS;

    /** The name in files: {@code duration_mismatch}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
