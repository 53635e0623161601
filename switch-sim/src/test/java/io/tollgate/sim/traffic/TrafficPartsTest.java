package io.tollgate.sim.traffic;

import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrafficPartsTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anOrdinaryMixDialsUniqueNumbersInItsProportions() {
        NumberMix mix = NumberMix.ordinary(List.of(10, 30));
        SplittableRandom random = new SplittableRandom(3);
        Map<String, Integer> byPrefix = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String n = mix.next(random);
            assertThat(n).hasSize(14).containsOnlyDigits();
            seen.add(n);
            String prefix = n.startsWith("280") ? n.substring(0, 5) : n.substring(0, 3);
            byPrefix.merge(prefix, 1, Integer::sum);
        }
        assertThat(seen).hasSize(20_000);
        // answered 70 % over two talk times, busy 10 %
        assertThat(byPrefix.get("28010")).isBetween(6_600, 7_400);
        assertThat(byPrefix.get("281")).isBetween(1_750, 2_250);
        assertThatThrownBy(() -> NumberMix.ordinary(List.of(120))).hasMessageContaining("1..99");
    }

    @Test
    void fraudScenariosAreSwitchedOnByNameAndDialWhatTheirAttackDials() {
        SplittableRandom random = new SplittableRandom(5);
        Source sequential = FraudScenario.of("sequential").source("acme", "caller", Duration.ofSeconds(5), random);
        long first = Long.parseLong(sequential.numbers().apply(0));

        assertThat(Long.parseLong(sequential.numbers().apply(1))).isEqualTo(first + 1);
        assertThat(sequential.activeAt(Duration.ofSeconds(4))).isFalse();
        assertThat(sequential.activeAt(Duration.ofSeconds(5))).isTrue();
        assertThat(FraudScenario.of("irsf").source("acme", "caller", Duration.ZERO, random).numbers().apply(0))
                .startsWith("2899");
        Source wangiri = FraudScenario.of("wangiri").source("acme", "caller", Duration.ZERO, random);
        List<String> ranges = java.util.stream.LongStream.range(0, 100).mapToObj(n -> wangiri.numbers().apply(n))
                .peek(n -> assertThat(n).matches("2800[12]\\d{9}"))
                .map(n -> n.substring(0, n.length() - 3)).distinct().toList();
        assertThat(ranges).as("two ranges of a thousand numbers, one per talk time").hasSize(2);
        assertThatThrownBy(() -> FraudScenario.of("phishing")).hasMessageContaining("concurrency-spike");
    }

    @Test
    void whoOwesWhatFollowsTheDecksAndTheVendorTheTestRangeLetsAnswer() throws Exception {
        Pricing pricing = new Pricing(Map.of("acme", deck("28,0.0200")),
                Map.of("vendor-a", deck("28,0.0050"), "vendor-b", deck("28,0.0060"), "vendor-c", deck("28,0.0045")),
                List.of("vendor-a", "vendor-b", "vendor-c"));

        Pricing.Owed plain = pricing.owed("acme", "28030123456789", T, new BigDecimal("30.000"));
        assertThat(plain.vendor()).isEqualTo("vendor-c");
        assertThat(plain.customerAmount()).isEqualByComparingTo("0.010000");
        assertThat(plain.vendorAmount()).isEqualByComparingTo("0.002250");
        // 2863…: vendor 3 (vendor-c) congested, so the next cheapest carries it; 2872…: only vendor-b answers
        assertThat(pricing.owed("acme", "28631234567890", T, BigDecimal.TEN).vendor()).isEqualTo("vendor-a");
        assertThat(pricing.owed("acme", "28721234567890", T, BigDecimal.TEN).vendor()).isEqualTo("vendor-b");
        assertThat(pricing.owed("acme", "2811234567890", T, BigDecimal.ZERO).customerAmount()).isZero();
        assertThat(pricing.owed("nobody", "28030123456789", T, BigDecimal.TEN).customerAmount()).isNull();
    }

    @Test
    void theGroundTruthHasARowPerCallWithWhatItCost() throws Exception {
        Path file = dir.resolve("truth.csv");
        Pricing pricing = new Pricing(Map.of("acme", deck("28,0.0200")), Map.of("vendor-a", deck("28,0.0050")),
                List.of("vendor-a"));
        PlannedCall call = new PlannedCall(7, "irsf", "acme", "caller", "4930123", "28991234567890");
        try (GroundTruth truth = GroundTruth.open(file, pricing)) {
            truth.record(new GroundTruth.Outcome(call, "gen-7", T, T.plusMillis(1500), T.plusMillis(61_250), 16));
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(String.join(",", GroundTruth.COLUMNS));
        assertThat(lines.get(1)).isEqualTo("7,irsf,acme,gen-7,4930123,28991234567890,2026-11-26T10:00:00Z,"
                + "2026-11-26T10:00:01.500Z,2026-11-26T10:01:01.250Z,59.750,16,vendor-a,0.020000,0.005000");
    }

    private RateDeck deck(String... rows) throws Exception {
        Path file = Files.createTempFile(dir, "deck", ".csv");
        Files.writeString(file, "prefix,rate,increments\n" + String.join(",1/1\n", rows) + ",1/1\n");
        return RateDeckCsv.read(file, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).deck();
    }
}
