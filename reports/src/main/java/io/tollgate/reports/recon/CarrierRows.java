package io.tollgate.reports.recon;

/** Where each of the carrier's CDRs of a reconciliation came from: its file, and its 1-based data row there. */
public interface CarrierRows {
    String file(CarrierRecord theirs);

    long fileRow(CarrierRecord theirs);
}
