package io.tollgate.jobs.rating;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.money.FxRates;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CdrRatingTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant ACTIVE_FROM = Instant.parse("2026-11-26T12:00:00Z");

    /** The deck store of this test: vendor-b's version 2 costs 0.0300 per minute to 49. */
    private static final DeckCatalog.StoredDecks STORE =
            (owner, version) -> RateDeck.of(List.of(RateRow.simple("49", "0.0300")));

    @TempDir
    Path dir;

    private DeckCatalog catalog() throws IOException {
        Path customer = Files.writeString(dir.resolve("wholesale-eur.csv"), "prefix,rate\n49,0.0500\n");
        Path vendor = Files.writeString(dir.resolve("vendor-b.csv"), "prefix,rate\n49,0.0100\n");
        return new DeckCatalog(List.of(
                new DeckCatalog.Entry(Party.CUSTOMER, "acme", EUR, customer.toString(), null),
                new DeckCatalog.Entry(Party.VENDOR, "vendor-b", EUR, vendor.toString(), null)),
                FxRates.none(), STORE);
    }

    private static Cdr minuteCall(String id, Instant setup) {
        return new Cdr(id, "acme", "4930111", "4915112345678", setup, setup.plusSeconds(1), setup.plusSeconds(61),
                new BigDecimal("60"), Disposition.ANSWERED, 16,
                List.of(new CallAttempt("vendor-b", id + "-v1", 16, 700L, true)));
    }

    @Test
    void aDeckActivatedMidStreamPricesOnlyCallsSetUpFromItsTime() throws Exception {
        try (BroadcastOperatorTestHarness<Cdr, DeckActivation, RatedCdr> harness = ProcessFunctionTestHarnesses
                .forBroadcastProcessFunction(new CdrRating(catalog()), CdrRating.ACTIVATIONS)) {
            harness.processElement(minuteCall("before", ACTIVE_FROM.minusSeconds(3_600)), 0);
            harness.processBroadcastElement(new DeckActivation(Party.VENDOR, "vendor-b", "vendor-b-2", 2, "trader",
                    ACTIVE_FROM.minusSeconds(7_200), ACTIVE_FROM), 0);
            harness.processElement(minuteCall("late-cdr", ACTIVE_FROM.minusSeconds(1)), 0);
            harness.processElement(minuteCall("after", ACTIVE_FROM), 0);

            List<RatedCdr> rated = harness.extractOutputValues();
            assertThat(rated).extracting(r -> r.vendorLeg().amount().stripTrailingZeros().toPlainString())
                    .containsExactly("0.01", "0.01", "0.03");
            assertThat(rated).extracting(r -> r.vendorLeg().deckId() + "@" + r.vendorLeg().deckVersion())
                    .containsExactly("vendor-b@0", "vendor-b@0", "vendor-vendor-b@2");
            assertThat(rated).extracting(r -> r.margin().stripTrailingZeros().toPlainString())
                    .containsExactly("0.04", "0.04", "0.02");
        }
    }

    @Test
    void aRestoredInstanceReloadsTheActivatedDecks() throws Exception {
        DeckActivation activation = new DeckActivation(Party.VENDOR, "vendor-b", "vendor-b-2", 2, "trader",
                ACTIVE_FROM.minusSeconds(60), ACTIVE_FROM);
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var harness = ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new CdrRating(catalog()),
                CdrRating.ACTIVATIONS)) {
            harness.processBroadcastElement(activation, 0);
            snapshot = harness.snapshot(1, 1);
        }
        var operator = new org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator<>(
                new CdrRating(catalog()), List.of(CdrRating.ACTIVATIONS));
        try (var restored = new BroadcastOperatorTestHarness<>(operator, 1, 1, 0)) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(minuteCall("after-restart", ACTIVE_FROM.plusSeconds(5)), 0);

            assertThat(restored.extractOutputValues()).singleElement()
                    .satisfies(r -> assertThat(r.vendorLeg().deckVersion()).isEqualTo(2));
        }
    }

    @Test
    void anUnknownCustomerIsKeptFlaggedNotDropped() throws Exception {
        try (var harness = ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new CdrRating(catalog()),
                CdrRating.ACTIVATIONS)) {
            Cdr stranger = new Cdr("s1", "stranger", null, "4915112345678", ACTIVE_FROM, null,
                    ACTIVE_FROM.plusSeconds(3), BigDecimal.ZERO, Disposition.BUSY, 17, List.of());
            harness.processElement(stranger, 0);

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(r -> assertThat(r.unratedReason()).isEqualTo("unknown_customer"));
        }
    }
}
