package io.tollgate.sim.traffic;

import io.tollgate.core.csv.CsvOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The file of what really happened to every call a run placed, written as each call ends: how its customer's
 * switch saw it (placed, answered, ended, cause) and, when decks are given, who owes what. It is the yardstick
 * the agent's events, the CDR pipeline and the invoices are held against.
 */
public final class GroundTruth implements AutoCloseable {
    public static final List<String> COLUMNS = List.of("call_no", "scenario", "customer", "caller_leg", "a_number",
            "b_number", "placed_at", "answered_at", "ended_at", "duration_s", "cause", "vendor", "customer_amount",
            "vendor_amount");

    /** One ended call, as the customer's switch saw it. {@code answered} is null when it was never answered. */
    public record Outcome(PlannedCall call, String callerLeg, Instant placed, Instant answered, Instant ended,
                          int cause) {

        /** Answered time in seconds with millisecond precision; zero when unanswered. */
        public BigDecimal durationS() {
            return answered == null ? BigDecimal.ZERO
                    : BigDecimal.valueOf(Duration.between(answered, ended).toMillis()).movePointLeft(3)
                    .setScale(3, RoundingMode.UNNECESSARY);
        }
    }

    private final CsvOutput out;
    private final Pricing pricing;

    private GroundTruth(CsvOutput out, Pricing pricing) {
        this.out = out;
        this.pricing = pricing;
    }

    /** Writes to {@code file}; {@code pricing} may be null (then the amounts stay empty). */
    public static GroundTruth open(Path file, Pricing pricing) throws IOException {
        Writer writer = Files.newBufferedWriter(file);
        return new GroundTruth(CsvOutput.open(writer, COLUMNS), pricing);
    }

    public synchronized void record(Outcome o) {
        Pricing.Owed owed = pricing == null ? null
                : pricing.owed(o.call().customer(), o.call().bNumber(), o.placed(), o.durationS());
        try {
            out.row(Long.toString(o.call().no()), o.call().scenario(), o.call().customer(), o.callerLeg(),
                    nullable(o.call().aNumber()), o.call().bNumber(), o.placed().toString(), nullable(o.answered()),
                    o.ended().toString(), o.durationS().toPlainString(), Integer.toString(o.cause()),
                    owed == null ? "" : nullable(owed.vendor()),
                    owed == null || owed.customerAmount() == null ? "" : owed.customerAmount().toPlainString(),
                    owed == null || owed.vendorAmount() == null ? "" : owed.vendorAmount().toPlainString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nullable(Object value) {
        return value == null ? "" : value.toString();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
