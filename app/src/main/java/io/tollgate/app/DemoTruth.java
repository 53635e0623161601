package io.tollgate.app;

import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.sim.VendorLeg;
import io.tollgate.sim.traffic.GroundTruth;
import io.tollgate.sim.traffic.Pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The demo's ground truth: every call the customers' switches placed, with what it is worth, worked out from the
 * decks alone. The customers' switches (the traffic generator) see a call's answer and end a few milliseconds
 * after the vendor's, by the time the routing agent takes to pass them on, and a few milliseconds decide a billed
 * second. What was talked, and who carried it, is the vendor's record: so an answered call's times and vendor are
 * those of the leg the simulated vendor's switch kept. {@code lcr_vendor} is who least-cost routing would pick; a
 * different {@code vendor} means the cheaper trunk was full and the call went on to the next.
 */
final class DemoTruth {
    static final List<String> COLUMNS = columns();

    private DemoTruth() {
    }

    private static List<String> columns() {
        List<String> columns = new ArrayList<>(GroundTruth.COLUMNS);
        columns.add("lcr_vendor");
        return List.copyOf(columns);
    }

    /**
     * Writes {@code truth} from {@code callerView} (the generator's file, unpriced), with the answered calls'
     * times and carrier taken from {@code legs} (matched by caller and dialled number; {@code vendorOf} names a
     * trunk's vendor), priced by {@code pricing} (null: amounts left empty).
     */
    static void write(Path callerView, List<VendorLeg> legs, Function<String, String> vendorOf, Pricing pricing,
                      Path truth) throws Exception {
        Map<String, VendorLeg> byCall = new HashMap<>();
        legs.forEach(l -> byCall.put(key(l.callerNumber(), l.number()), l));
        try (CsvInput in = CsvInput.open(callerView, GroundTruth.COLUMNS, Set.copyOf(GroundTruth.COLUMNS));
             CsvOutput out = CsvOutput.open(Files.newBufferedWriter(truth), COLUMNS)) {
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                VendorLeg leg = r.get("answered_at").isEmpty() ? null : byCall.get(key(r.get("a_number"),
                        r.get("b_number")));
                String answered = leg == null ? r.get("answered_at") : leg.answered().toString();
                String ended = leg == null ? r.get("ended_at") : leg.ended().toString();
                BigDecimal talked = leg == null ? new BigDecimal(r.get("duration_s")) : seconds(leg.talked());
                java.time.Instant placed = java.time.Instant.parse(r.get("placed_at"));
                Pricing.Owed lcr = pricing == null ? null : pricing.owed(r.get("customer"), r.get("b_number"), placed,
                        talked);
                Pricing.Owed owed = pricing == null || leg == null ? lcr : pricing.owed(r.get("customer"),
                        r.get("b_number"), placed, talked, vendorOf.apply(leg.trunk()));
                out.row(r.get("call_no"), r.get("scenario"), r.get("customer"), r.get("caller_leg"), r.get("a_number"),
                        r.get("b_number"), r.get("placed_at"), answered, ended, talked.toPlainString(), r.get("cause"),
                        owed == null ? "" : text(owed.vendor()),
                        owed == null ? "" : text(owed.customerAmount()), owed == null ? "" : text(owed.vendorAmount()),
                        lcr == null ? "" : text(lcr.vendor()));
            }
        }
    }

    private static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY);
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof BigDecimal b ? b.toPlainString() : value.toString();
    }

    private static String key(String caller, String number) {
        return caller.replaceAll("[^0-9]", "") + "|" + number.replaceAll("[^0-9]", "");
    }
}
