package io.tollgate.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapHistogramTest {
    private static HeapHistogram of(String... rows) {
        StringBuilder out = new StringBuilder("4242:\n num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n");
        for (int i = 0; i < rows.length; i++) {
            out.append(String.format("%4d:  %s%n", i + 1, rows[i]));
        }
        return HeapHistogram.parse(out.append("Total        999999       99999999\n").toString());
    }

    @Test
    void readsEachClassAndLeavesOutTheTotalLine() {
        HeapHistogram h = of("1000  64000  [B (java.base@17.0.15)", "10  480  io.tollgate.agent.Call");

        assertThat(h.byClass()).containsOnlyKeys("[B", "io.tollgate.agent.Call");
        assertThat(h.byClass().get("[B")).isEqualTo(new HeapHistogram.Usage(1000, 64000));
        assertThat(h.bytes()).isEqualTo(64480);
    }

    @Test
    void growthIsPerClassLargestFirstAndLeavesOutWhatShrank() {
        HeapHistogram before = of("1000  64000  [B", "10  480  Call", "5  100  Shrinking");
        HeapHistogram after = of("1500  96000  [B", "20010  960480  Call", "1  20  Shrinking", "3  72  New");

        assertThat(after.grownSince(before, 8)).containsExactly(
                new HeapHistogram.Growth("Call", 20000, 960000),
                new HeapHistogram.Growth("[B", 500, 32000),
                new HeapHistogram.Growth("New", 3, 72));
        assertThat(after.grownSince(before, 1)).extracting(HeapHistogram.Growth::className).containsExactly("Call");
    }
}
