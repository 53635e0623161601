package io.tollgate.bench;

import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.core.routing.LcrEngine;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ObjectName;

/**
 * Target 3: heap held by 20 vendor decks imported from CSV files (so the importer's value sharing counts), then by
 * the LCR engine built over them. Heap is measured as used heap after full GCs ({@code System.gc()} until the figure
 * stops moving); the baseline is the same measure before loading.
 *
 * <p>Usage: {@code DeckMemory DIR [VENDORS] [PREFIXES_PER_VENDOR]}; the CSV files are generated into DIR when absent.
 */
public final class DeckMemory {
    private static final double MB = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int vendors = args.length > 1 ? Integer.parseInt(args[1]) : DeckGenerator.VENDORS;
        int prefixes = args.length > 2 ? Integer.parseInt(args[2]) : DeckGenerator.PREFIXES_PER_VENDOR;
        Path[] files = DeckFiles.ensure(dir, vendors, prefixes);

        long base = usedAfterGc();
        long started = System.nanoTime();
        Map<String, RateDeck> decks = new TreeMap<>();
        long rows = 0;
        for (int v = 0; v < vendors; v++) {
            RateDeck deck = RateDeckCsv.read(files[v], Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).deck();
            decks.put(DeckGenerator.vendorId(v), deck);
            rows += deck.rows().size();
        }
        double importS = (System.nanoTime() - started) / 1e9;
        long withDecks = usedAfterGc();
        started = System.nanoTime();
        LcrEngine engine = LcrEngine.of(decks).preparedFor(DeckGenerator.AT); // the stretch lookups read, counted too
        double engineS = (System.nanoTime() - started) / 1e9;
        long withEngine = usedAfterGc();

        System.out.printf("decks: %d vendors, %d rows, imported in %.1f s; LcrEngine built in %.1f s%n",
                vendors, rows, importS, engineS);
        System.out.printf("baseline (used heap after GC, before loading): %8.1f MB%n", base / MB);
        System.out.printf("decks alone:                                   %8.1f MB (%.0f bytes/row)%n",
                (withDecks - base) / MB, (double) (withDecks - base) / rows);
        System.out.printf("LcrEngine alone:                               %8.1f MB%n", (withEngine - withDecks) / MB);
        System.out.printf("decks + LcrEngine:                             %8.1f MB%n", (withEngine - base) / MB);
        if (args.length > 3 && args[3].equals("--histogram")) {
            printHistogram(25);
        }
        Reference.reachabilityFence(decks);
        Reference.reachabilityFence(engine);
    }

    /** Used heap after full GCs, repeated until it stops shrinking. */
    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used - 64 * 1024) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    /** The top of the class histogram (what jcmd GC.class_histogram prints), to see where the bytes go. */
    private static void printHistogram(int lines) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        histogram.lines().limit(lines + 3L).forEach(System.out::println);
    }

    private DeckMemory() {
    }
}
