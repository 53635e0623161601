package io.tollgate.ingest.config;

import java.nio.file.Path;

/** Which rate deck prices an account's calls: a CSV file, or a deck already imported under an id. */
public sealed interface DeckRef {

    /** A canonical rate deck CSV; the path is resolved against the configuration file's folder. */
    record DeckFile(Path path) implements DeckRef {
    }

    /** A deck imported into the deck store under {@code id}. */
    record DeckId(String id) implements DeckRef {
    }
}
