package io.tollgate.bench;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.DeckImport;
import io.tollgate.core.rating.RateDeckCsv;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Target 4: wall time of {@link RateDeckCsv#read} on one generated vendor deck (100k prefixes, ~104k rows), against a
 * plain line-by-line read of the same file (BufferedReader) in the same JVM.
 *
 * <p>Usage: {@code DeckImportTiming DIR cold} times the first import of a fresh JVM (class loading and interpreter
 * included) and then one plain read; {@code DeckImportTiming DIR warm [WARMUPS] [RUNS]} imports WARMUPS times untimed,
 * then alternates RUNS timed imports and plain reads and prints min, median and max of each. The file is read from
 * the page cache in both (it was just written or read). The cold figure also gives the CPU time the JVM spent
 * during the import (all threads): on a shared machine wall time depends on the load, CPU time much less.
 */
public final class DeckImportTiming {

    public static void main(String[] args) throws IOException, BadInputException {
        Path file = DeckFiles.ensure(Path.of(args[0]), 1, DeckGenerator.PREFIXES_PER_VENDOR)[0];
        boolean cold = args.length < 2 || args[1].equals("cold");
        if (cold) {
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            DeckImport deck = RateDeckCsv.read(file, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE);
            double importMs = (System.nanoTime() - t0) / 1e6;
            double importCpuMs = (processCpuNanos() - cpu0) / 1e6;
            t0 = System.nanoTime();
            long lines = plainRead(file);
            double plainMs = (System.nanoTime() - t0) / 1e6;
            System.out.printf("cold (first in a fresh JVM): import %5.0f ms wall, %5.0f ms CPU of all JVM threads (%d rows)"
                    + "   plain read %4.0f ms (%d lines)   JVM uptime at end %d ms%n", importMs, importCpuMs,
                    deck.acceptedRows(), plainMs, lines, ManagementFactory.getRuntimeMXBean().getUptime());
            return;
        }
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int rows = 0;
        for (int i = 0; i < warmups; i++) {
            rows = RateDeckCsv.read(file, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).acceptedRows();
            plainRead(file);
        }
        double[] imports = new double[runs];
        double[] plain = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            rows = RateDeckCsv.read(file, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).acceptedRows();
            imports[i] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            plainRead(file);
            plain[i] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.printf("warm (after %d warm-up imports), %d runs, %d rows, %,d bytes:%n", warmups, runs, rows,
                Files.size(file));
        System.out.printf("  RateDeckCsv.read  ms: min %6.0f  median %6.0f  max %6.0f%n", stats(imports));
        System.out.printf("  plain line read   ms: min %6.1f  median %6.1f  max %6.1f%n", stats(plain));
    }

    /** The baseline: every line read and decoded, nothing parsed. */
    static long plainRead(Path file) throws IOException {
        long lines = 0;
        long chars = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                chars += line.length();
            }
        }
        if (chars == 0) {
            throw new IllegalStateException(file + " is empty");
        }
        return lines;
    }

    /** CPU used by the whole JVM (JIT compiler and GC threads included): on a busy machine, the load-free cost. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Object[] stats(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Object[] {sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]};
    }

    private DeckImportTiming() {
    }
}
