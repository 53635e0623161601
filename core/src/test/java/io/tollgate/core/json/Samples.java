package io.tollgate.core.json;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.fraud.Evidence;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.fraud.Severity;
import io.tollgate.core.instructions.Block;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** One realistic value of each message type: a call to Germany that failed over from one vendor to another. */
final class Samples {

    static final Instant SETUP = Instant.parse("2025-06-01T12:00:00.250Z");

    private Samples() {
    }

    static CallEvent hangup() {
        return new CallEvent(CallEvent.Type.HANGUP, "1748779200.42", "1748779201.43",
                Instant.ofEpochMilli(1748779212345L), "acme", "442071234567", "4915112345678", "carrier-b",
                17, "agent-fra-1", 5);
    }

    static Cdr cdr() {
        return new Cdr("1748779200.42", "acme", "442071234567", "4915112345678",
                SETUP, Instant.parse("2025-06-01T12:00:07.500Z"), Instant.parse("2025-06-01T12:01:13.100Z"),
                new BigDecimal("65.6"), Disposition.ANSWERED, 16,
                List.of(new CallAttempt("carrier-a", "1748779200.43", 34, null, false),
                        new CallAttempt("carrier-b", "1748779200.44", 16, 2150L, true)));
    }

    static RatedCdr ratedCdr() {
        return RatedCdr.rated(cdr(), "carrier-b",
                new RatedLeg("acme", 3, Currency.getInstance("EUR"), "49151", new BigDecimal("0.0120"), 66,
                        new BigDecimal("0.013200")),
                new RatedLeg("carrier-b", 17, Currency.getInstance("USD"), "4915", new BigDecimal("0.0095"), 66,
                        new BigDecimal("0.010450")),
                new BigDecimal("0.921350"));
    }

    static FraudAlert fraudAlert() {
        return new FraudAlert("irsf-burst", Severity.CRITICAL, "acme", "882",
                new Evidence(Instant.parse("2025-06-01T12:00:00Z"), Instant.parse("2025-06-01T12:05:00Z"),
                        Map.of("calls", 240L, "distinctBNumbers", 231L),
                        Map.of("cost", new BigDecimal("187.420000")),
                        List.of("1748779200.42", "1748779201.17")),
                Instant.parse("2025-06-01T12:00:03.120Z"), Instant.parse("2025-06-01T12:04:58.870Z"));
    }

    static Block block() {
        return new Block(null, "447", null, "irsf-burst on acme", 7, "rule:irsf-burst",
                Instant.parse("2025-06-01T12:05:01Z"));
    }
}
