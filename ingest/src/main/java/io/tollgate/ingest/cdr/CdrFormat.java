package io.tollgate.ingest.cdr;

import io.tollgate.core.csv.BadInputException;

/** A layout of CDR files: which fields mean what, and whether the first record is a header. */
public interface CdrFormat {

    /** The name given to {@code --format}. */
    String name();

    boolean hasHeader();

    /**
     * Checks the header (null when the format has none) and returns the parser of the data rows.
     *
     * @throws BadInputException when the header does not fit the format: the whole file is refused
     */
    RowParser rows(RawRecord header, String source, CdrFields fields) throws BadInputException;

    /** Turns one data record into a CDR, or refuses it. */
    interface RowParser {
        CarrierCdr parse(RawRecord record) throws RowRefused;
    }
}
