package io.tollgate.ingest.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads {@code deck:}. A value with a {@code /} or ending in {@code .csv} is a file, relative to the configuration's
 * folder, and must exist (a typo would otherwise surface as "no rate" on every call); anything else is the id of an
 * imported deck.
 */
final class DeckRefReader {
    private DeckRefReader() {
    }

    static DeckRef read(ConfigNode node, Path configDir) {
        String text = node.required(ValueFormat.TEXT);
        if (text == null) {
            return null;
        }
        if (!text.contains("/") && !text.endsWith(".csv")) {
            String id = node.required(ValueFormat.ID_FORMAT);
            return id == null ? null : new DeckRef.DeckId(id);
        }
        if (!text.endsWith(".csv")) {
            node.problem("must be a deck file ending in .csv or a deck id, got '" + text + "'");
            return null;
        }
        Path file;
        try {
            file = configDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            node.problem("is not a file path: " + e.getReason());
            return null;
        }
        if (!Files.isRegularFile(file)) {
            node.problem("no such deck file: " + file);
            return null;
        }
        return new DeckRef.DeckFile(file);
    }
}
