package io.tollgate.core.routing;

import io.tollgate.core.rating.Increments;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class LcrEngineTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String UK_MOBILE = "447700900123";

    private static RateRow row(String prefix, String rate) {
        return RateRow.simple(prefix, rate);
    }

    private static RateRow row(String prefix, String rate, String from, String to) {
        return new RateRow(prefix, "", new BigDecimal(rate), BigDecimal.ZERO, Increments.PER_MINUTE, 0,
                from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
    }

    private static RateDeck deck(RateRow... rows) {
        return RateDeck.of(List.of(rows));
    }

    /** alpha: 44 0.010, 447 0.020 / beta: 44 0.015 / gamma: 4477 0.005 / delta: 33 only. */
    private static LcrEngine engine() {
        Map<String, RateDeck> decks = new LinkedHashMap<>();
        decks.put("gamma", deck(row("4477", "0.005")));
        decks.put("alpha", deck(row("44", "0.010"), row("447", "0.020")));
        decks.put("delta", deck(row("33", "0.001")));
        decks.put("beta", deck(row("44", "0.015")));
        return LcrEngine.of(decks);
    }

    private static List<String> vendorsFor(LcrEngine engine, RouteRequest request) {
        return engine.routes(request).stream().map(Route::vendor).toList();
    }

    @Test
    void eachVendorOffersItsLongestPrefixAndRoutesAreCheapestFirst() {
        assertThat(engine().routes(RouteRequest.of(UK_MOBILE, NOW)))
                .extracting(Route::vendor, Route::prefix, r -> r.rate().toPlainString())
                .containsExactly(
                        tuple("gamma", "4477", "0.005"),
                        tuple("beta", "44", "0.015"),
                        // alpha's 447 beats its cheaper 44: longest prefix first, then cheapest
                        tuple("alpha", "447", "0.020"));
    }

    @Test
    void aVendorWithoutAMatchingRowIsAbsent() {
        assertThat(vendorsFor(engine(), RouteRequest.of("442079460958", NOW))).containsExactly("alpha", "beta");
        assertThat(vendorsFor(engine(), RouteRequest.of("4915112345678", NOW))).isEmpty();
    }

    @Test
    void equalRatesAreOrderedByVendorIdAsStrings() {
        Map<String, RateDeck> decks = Map.of(
                "v9", deck(row("44", "0.01")),
                "v10", deck(row("44", "0.010")), // same rate at another scale is still a tie
                "v2", deck(row("44", "0.01")),
                "A", deck(row("44", "0.02")));
        assertThat(vendorsFor(LcrEngine.of(decks), RouteRequest.of(UK_MOBILE, NOW)))
                .containsExactly("v10", "v2", "v9", "A");
    }

    @Test
    void maxRateLeavesOutCostlierVendorsButKeepsEqualOnes() {
        RouteRequest request = RouteRequest.of(UK_MOBILE, NOW).withMaxRate(new BigDecimal("0.0150"));
        assertThat(vendorsFor(engine(), request)).containsExactly("gamma", "beta");
        assertThat(vendorsFor(engine(), request.withMaxRate(new BigDecimal("0.001")))).isEmpty();
    }

    @Test
    void allowingLossKeepsVendorsAboveTheMaxRate() {
        RouteRequest request = RouteRequest.of(UK_MOBILE, NOW).withMaxRate(new BigDecimal("0.001")).allowingLoss();
        assertThat(vendorsFor(engine(), request)).containsExactly("gamma", "beta", "alpha");
    }

    @Test
    void limitKeepsTheCheapestRoutes() {
        RouteRequest request = RouteRequest.of(UK_MOBILE, NOW);
        assertThat(vendorsFor(engine(), request.withLimit(2))).containsExactly("gamma", "beta");
        assertThat(vendorsFor(engine(), request.withLimit(1))).containsExactly("gamma");
        assertThat(vendorsFor(engine(), request.withLimit(5))).containsExactly("gamma", "beta", "alpha");
        assertThat(vendorsFor(engine(), request.withLimit(0))).as("0 = no limit")
                .containsExactly("gamma", "beta", "alpha");
    }

    @Test
    void limitAppliesAfterFilters() {
        RouteRequest request = RouteRequest.of(UK_MOBILE, NOW).withBlocks(List.of(Block.vendor("gamma"))).withLimit(1);
        assertThat(vendorsFor(engine(), request)).containsExactly("beta");
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> RouteRequest.of(UK_MOBILE, NOW).withLimit(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlockedVendorIsLeftOut() {
        RouteRequest request = RouteRequest.of(UK_MOBILE, NOW).withBlocks(List.of(Block.vendor("beta")));
        assertThat(vendorsFor(engine(), request)).containsExactly("gamma", "alpha");
    }

    @Test
    void aBlockedDestinationLeavesOutEveryVendorForNumbersUnderIt() {
        RouteRequest mobile = RouteRequest.of(UK_MOBILE, NOW).withBlocks(List.of(Block.destination("4477")));
        assertThat(vendorsFor(engine(), mobile)).isEmpty();
        RouteRequest fixed = RouteRequest.of("442079460958", NOW).withBlocks(List.of(Block.destination("4477")));
        assertThat(vendorsFor(engine(), fixed)).containsExactly("alpha", "beta");
    }

    @Test
    void aVendorBlockedForOneDestinationStillCarriesOthers() {
        List<Block> blocks = List.of(new Block("alpha", "447"));
        assertThat(vendorsFor(engine(), RouteRequest.of(UK_MOBILE, NOW).withBlocks(blocks)))
                .containsExactly("gamma", "beta");
        assertThat(vendorsFor(engine(), RouteRequest.of("442079460958", NOW).withBlocks(blocks)))
                .containsExactly("alpha", "beta");
    }

    @Test
    void aBlockMustNameAVendorOrADestination() {
        assertThatThrownBy(() -> new Block(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Block.vendor("x").stops("x", "1")).isTrue();
        assertThat(Block.vendor("x").stops("y", "1")).isFalse();
        assertThat(Block.destination("44").stops("any", "441")).isTrue();
        assertThat(Block.destination("44").stops("any", "4")).isFalse();
    }

    @Test
    void aVendorFallsBackToItsShorterPrefixWhenTheLongerRowIsNotEffective() {
        Map<String, RateDeck> decks = Map.of(
                "alpha", deck(row("44", "0.030", null, null), row("4477", "0.001", null, "2026-03-01T00:00:00Z")),
                "beta", deck(row("44", "0.020", null, null)));
        LcrEngine engine = LcrEngine.of(decks);
        assertThat(engine.routes(RouteRequest.of(UK_MOBILE, Instant.parse("2026-02-28T23:59:59Z"))))
                .extracting(Route::vendor, Route::prefix).containsExactly(tuple("alpha", "4477"), tuple("beta", "44"));
        assertThat(engine.routes(RouteRequest.of(UK_MOBILE, Instant.parse("2026-03-01T00:00:00Z"))))
                .extracting(Route::vendor, Route::prefix).containsExactly(tuple("beta", "44"), tuple("alpha", "44"));
    }

    @Test
    void aVendorWhoseOnlyRowIsNotYetEffectiveIsAbsent() {
        Map<String, RateDeck> decks = Map.of(
                "alpha", deck(row("44", "0.001", "2026-04-01T00:00:00Z", null)),
                "beta", deck(row("44", "0.020")));
        LcrEngine engine = LcrEngine.of(decks);
        assertThat(vendorsFor(engine, RouteRequest.of(UK_MOBILE, NOW))).containsExactly("beta");
        assertThat(vendorsFor(engine, RouteRequest.of(UK_MOBILE, Instant.parse("2026-04-01T00:00:00Z"))))
                .containsExactly("alpha", "beta");
    }

    @Test
    void theVersionInForceAtTheCallTimePricesTheRoute() {
        LcrEngine engine = LcrEngine.of(alphaCheaperInMarch());
        assertThat(vendorsFor(engine, RouteRequest.of(UK_MOBILE, NOW))).containsExactly("alpha", "beta");
        assertThat(vendorsFor(engine, RouteRequest.of(UK_MOBILE, Instant.parse("2026-04-01T00:00:00Z"))))
                .containsExactly("beta", "alpha");
    }

    /** Alpha dearer than beta, except for a row in force through March. */
    private static Map<String, RateDeck> alphaCheaperInMarch() {
        return Map.of(
                "alpha", deck(row("44", "0.030", null, null),
                        row("44", "0.010", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")),
                "beta", deck(row("44", "0.020")));
    }

    @Test
    void anEnginePreparedForALaterTimeStillAnswersEarlierAndLaterOnes() {
        LcrEngine engine = LcrEngine.of(alphaCheaperInMarch()).preparedFor(NOW);

        assertThat(vendorsFor(engine, RouteRequest.of(UK_MOBILE, Instant.parse("2026-02-01T00:00:00Z"))))
                .containsExactly("beta", "alpha");
        assertThat(vendorsFor(engine, RouteRequest.of(UK_MOBILE, NOW))).containsExactly("alpha", "beta");
        assertThat(vendorsFor(engine, RouteRequest.of(UK_MOBILE, Instant.parse("2026-04-01T00:00:00Z"))))
                .containsExactly("beta", "alpha");
        assertThat(vendorsFor(engine, RouteRequest.of(UK_MOBILE, NOW))).as("after time moved on")
                .containsExactly("alpha", "beta");
    }

    @Test
    void routesCarryTheDeckRowThatPricesThem() {
        RateRow r447 = row("447", "0.020");
        LcrEngine engine = LcrEngine.of(Map.of("alpha", deck(row("44", "0.010"), r447)));
        assertThat(engine.routes(RouteRequest.of(UK_MOBILE, NOW))).singleElement()
                .satisfies(route -> assertThat(route.row()).isSameAs(r447));
    }

    @Test
    void vendorsAreListedInIdOrderAndAnEngineWithoutDecksRoutesNothing() {
        assertThat(engine().vendors()).containsExactly("alpha", "beta", "delta", "gamma");
        LcrEngine empty = LcrEngine.of(Map.of());
        assertThat(empty.vendors()).isEmpty();
        assertThat(empty.routes(RouteRequest.of(UK_MOBILE, NOW))).isEmpty();
        assertThat(LcrEngine.of(Map.of("alpha", deck())).routes(RouteRequest.of(UK_MOBILE, NOW))).isEmpty();
    }
}
