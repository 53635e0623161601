package io.tollgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the generated vendor decks as CSV files ({@code DIR/v01.csv} ...), once: a stamp file records the size
 * they were generated with, so a later run with another size regenerates them.
 *
 * <p>Usage: {@code DeckFiles DIR [VENDORS] [PREFIXES_PER_VENDOR]}.
 */
public final class DeckFiles {

    public static void main(String[] args) throws IOException {
        int vendors = args.length > 1 ? Integer.parseInt(args[1]) : DeckGenerator.VENDORS;
        int prefixes = args.length > 2 ? Integer.parseInt(args[2]) : DeckGenerator.PREFIXES_PER_VENDOR;
        ensure(Path.of(args[0]), vendors, prefixes);
    }

    /** The files of the first {@code vendors} decks, written where missing or generated with other sizes. */
    static Path[] ensure(Path dir, int vendors, int prefixes) throws IOException {
        Path stamp = dir.resolve("generated-with");
        String wanted = "seed=" + DeckGenerator.SEED + " prefixes=" + prefixes + "\n";
        boolean same = Files.exists(stamp) && Files.readString(stamp).equals(wanted);
        Path[] files = new Path[vendors];
        DeckGenerator generator = null;
        for (int v = 0; v < vendors; v++) {
            files[v] = dir.resolve(DeckGenerator.vendorId(v) + ".csv");
            if (!same || !Files.exists(files[v])) {
                generator = generator != null ? generator : new DeckGenerator(prefixes * 3 / 2, prefixes);
                generator.writeDeck(v, dir);
            }
        }
        Files.writeString(stamp, wanted);
        return files;
    }

    private DeckFiles() {
    }
}
