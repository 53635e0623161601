package io.tollgate.ingest.cdr;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Generated CDR files for tests and benchmarks. */
final class CdrFiles {
    private CdrFiles() {
    }

    /**
     * A generic-format file of {@code rows} rows, one second apart from 2026-03-01T00:00:00Z; every
     * {@code badEvery}-th row has a national-format B-number, which is refused.
     */
    static void generic(Path file, int rows, int badEvery) throws IOException {
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("call_id,a_number,b_number,start,duration_s,cost\n");
            for (int i = 0; i < rows; i++) {
                String b = (i + 1) % badEvery == 0 ? "07911000000" : "+44 7911 " + String.format("%06d", i);
                w.write("c" + i + ",+4420700" + (i % 10000) + "," + b + "," + t0.plusSeconds(i) + ","
                        + (i % 600) + ".5," + (i % 100) + ".012345\n");
            }
        }
    }
}
