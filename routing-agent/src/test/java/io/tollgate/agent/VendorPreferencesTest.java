package io.tollgate.agent;

import io.tollgate.core.instructions.VendorPriority;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.routing.LcrEngine;
import io.tollgate.core.routing.Route;
import io.tollgate.core.routing.RouteRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class VendorPreferencesTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final List<Route> leastCost = LcrEngine.of(Map.<String, RateDeck>of(
                    "a", Rig.deck("44,0.0100"), "b", Rig.deck("44,0.0100"), "c", Rig.deck("44,0.0050"),
                    "d", Rig.deck("44,0.0200")))
            .routes(RouteRequest.of("447700900123", NOW));

    @Test
    void withoutInstructionsTheLeastCostOrderStands() {
        assertThat(vendors(new VendorPreferences(List.of(), new Random(1)).order(leastCost, "447700900123")))
                .containsExactly("c", "a", "b", "d");
    }

    @Test
    void aPriorityMovesAVendorWhateverItsRateAndTheLongestPrefixWins() {
        List<VendorPriority> steering = List.of(
                new VendorPriority("d", null, -1, 1, 1, "trader", NOW),
                new VendorPriority("c", null, -1, 1, 1, "trader", NOW),
                new VendorPriority("c", "4477", 5, 1, 1, "trader", NOW));

        assertThat(vendors(new VendorPreferences(steering, new Random(1)).order(leastCost, "447700900123")))
                .containsExactly("d", "a", "b", "c");
        assertThat(vendors(new VendorPreferences(steering, new Random(1)).order(leastCost, "441234")))
                .containsExactly("c", "d", "a", "b");
    }

    @Test
    void weightsShareFirstAttemptsAmongEqualVendorsAndZeroNeverGoesFirst() {
        List<VendorPriority> steering = List.of(
                new VendorPriority("c", null, 1, 1, 1, "trader", NOW),
                new VendorPriority("a", null, 0, 3, 1, "trader", NOW),
                new VendorPriority("b", null, 0, 1, 1, "trader", NOW));
        Random random = new Random(7);
        int aFirst = 0;
        for (int i = 0; i < 4000; i++) {
            List<String> order = vendors(new VendorPreferences(steering, random).order(leastCost, "447700900123"));
            assertThat(order).containsExactlyInAnyOrder("a", "b", "c", "d");
            aFirst += order.get(0).equals("a") ? 1 : 0;
        }
        // 3:1 → three quarters, within a wide margin for a seeded draw
        assertThat(aFirst).isBetween(2800, 3200);

        List<VendorPriority> zero = List.of(new VendorPriority("a", null, 0, 0, 1, "trader", NOW),
                new VendorPriority("c", null, 1, 1, 1, "trader", NOW));
        for (int i = 0; i < 200; i++) {
            assertThat(vendors(new VendorPreferences(zero, random).order(leastCost, "447700900123")).get(0)).isEqualTo("b");
        }
    }

    private static List<String> vendors(List<Route> routes) {
        return routes.stream().map(Route::vendor).toList();
    }
}
