package io.tollgate.reports.recon;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Both sides of a reconciliation as {@link ReconcileStore#read} found them: our calls carried by the vendor and the
 * carrier's CDRs, each read with a margin beyond the period (see {@link #reconcile}), and where each of theirs came
 * from.
 *
 * <p>Our CDRs are numbered (row) in order of answer time, then call id; theirs in order of file name, then row in
 * the file, so the contract's "their row" tie-break follows the files' order.
 */
public final class StoredCdrs implements CarrierRows {
    private final ReconScope scope;
    private final List<CarrierRecord> ours;
    private final List<CarrierRecord> theirs;
    private final String[] theirFiles;
    private final long[] theirFileRows;
    private final String currency;

    /**
     * @param theirFiles    the file of each of theirs, by {@code row - 1}
     * @param theirFileRows the 1-based data row in that file, by {@code row - 1}
     * @param currency      the one currency of both sides' amounts; empty when neither says
     */
    StoredCdrs(ReconScope scope, List<CarrierRecord> ours, List<CarrierRecord> theirs, String[] theirFiles,
               long[] theirFileRows, String currency) {
        this.scope = Objects.requireNonNull(scope);
        this.ours = ours;
        this.theirs = theirs;
        this.theirFiles = theirFiles;
        this.theirFileRows = theirFileRows;
        this.currency = currency;
    }

    public ReconScope scope() {
        return scope;
    }

    public List<CarrierRecord> ours() {
        return ours;
    }

    public List<CarrierRecord> theirs() {
        return theirs;
    }

    public String currency() {
        return currency;
    }

    @Override
    public String file(CarrierRecord their) {
        return theirFiles[Math.toIntExact(their.row() - 1)];
    }

    @Override
    public long fileRow(CarrierRecord their) {
        return theirFileRows[Math.toIntExact(their.row() - 1)];
    }

    /**
     * Reconciles the two sides and keeps the lines that belong to the period: a pair, and a CDR only they have, by
     * their start; a CDR only we have, by our start. A pair thus belongs to the period of the carrier's invoice
     * that bills it, and each CDR of either side is in the lines of one of two adjacent periods, not both (short of
     * a chain of calls to one number, each within the tolerance of the next, that spans the edge: the greedy choice
     * of such a chain can differ when its far end is cut off).
     *
     * <p>Both sides were read with margins ({@link ReconcileStore#read}): ours one time tolerance beyond the period,
     * theirs two, so that every CDR of the period has all its candidates, and so does every CDR that could pair
     * with one of the period's. Lines outside the period are left out, not reported as missing.
     */
    public Reconciliation reconcile(Tolerances tolerances) {
        Reconciliation all = Reconciler.reconcile(ours, theirs, tolerances);
        List<ReconLine> kept = new ArrayList<>(all.lines().size());
        for (ReconLine line : all.lines()) {
            CarrierRecord by = line.theirs() != null ? line.theirs() : line.ours();
            if (scope.covers(by.start())) {
                kept.add(line);
            }
        }
        return new Reconciliation(kept);
    }
}
