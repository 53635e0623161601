package io.tollgate.ingest.cdr;

/**
 * Asterisk's {@code cdr_csv} Master.csv: no header; accountcode, src, dst, dcontext, clid, channel, dstchannel,
 * lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags, then uniqueid and userfield when
 * {@code loguniqueid} and {@code loguserfield} are set. Times are local to the switch (UTC with
 * {@code usegmtime}), which is why the import takes the file's time zone.
 *
 * <p>The B-number is {@code dst}; the duration is {@code billsec} (answered seconds, as a carrier bills);
 * the call id is {@code uniqueid} when logged. A leg whose {@code dst} is a dialplan extension such as {@code s}
 * (an originated or a vendor-side leg) has no dialled number and is refused to the dead-letter.
 */
public final class AsteriskMaster implements CdrFormat {
    public static final String NAME = "asterisk-master";
    static final int SRC = 1;
    static final int DST = 2;
    static final int START = 9;
    static final int BILLSEC = 13;
    static final int DISPOSITION = 14;
    static final int UNIQUEID = 16;
    private static final int MIN_FIELDS = 16;
    private static final int MAX_FIELDS = 18;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hasHeader() {
        return false;
    }

    @Override
    public RowParser rows(RawRecord header, String source, CdrFields fields) {
        return record -> {
            int n = record.fields().size();
            if (n < MIN_FIELDS || n > MAX_FIELDS) {
                throw new RowRefused("", "has " + n + " fields; an Asterisk Master.csv record has "
                        + MIN_FIELDS + " to " + MAX_FIELDS);
            }
            String billsec = record.field(BILLSEC).strip();
            if (!billsec.chars().allMatch(c -> c >= '0' && c <= '9') || billsec.isEmpty()) {
                throw new RowRefused("billsec", "'" + billsec + "' is not a whole number of seconds");
            }
            return new CarrierCdr(record.line(),
                    record.field(UNIQUEID).strip(),
                    fields.aNumber("src", record.field(SRC).strip()),
                    fields.bNumber("dst", record.field(DST).strip()),
                    fields.time("start", record.field(START).strip()),
                    CdrFields.duration("billsec", billsec),
                    java.math.BigDecimal.ZERO.setScale(6),
                    "");
        };
    }
}
