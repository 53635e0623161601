package io.tollgate.core.rating;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The versions of one owner's deck over time. Traders import a new version every week or so, each activated at a
 * time of its own; a call is rated by the version active at its start, so a late CDR is rated by the deck that was
 * in force when it was made, not by today's. Immutable: {@link #with} returns a new history.
 */
public final class DeckVersions {

    /** One imported version and the instant it takes over. */
    public record Version(int number, Instant activeFrom, RateDeck deck) {
        public Version {
            Objects.requireNonNull(activeFrom, "activeFrom");
            Objects.requireNonNull(deck, "deck");
        }
    }

    private static final DeckVersions EMPTY = new DeckVersions(List.of());

    private final List<Version> byActivation;

    private DeckVersions(List<Version> byActivation) {
        this.byActivation = byActivation;
    }

    public static DeckVersions empty() {
        return EMPTY;
    }

    /** This history plus {@code version}; refused if its number is already taken. */
    public DeckVersions with(Version version) {
        for (Version v : byActivation) {
            if (v.number() == version.number()) {
                throw new IllegalArgumentException("deck version " + version.number() + " already exists");
            }
        }
        List<Version> all = new ArrayList<>(byActivation);
        all.add(version);
        // equal activation times: the higher version number is the later import and wins
        all.sort(Comparator.comparing(Version::activeFrom).thenComparingInt(Version::number));
        return new DeckVersions(List.copyOf(all));
    }

    /** The version in force at {@code t}, or null before the first activation. */
    public Version at(Instant t) {
        Version current = null;
        for (Version v : byActivation) {
            if (v.activeFrom().isAfter(t)) {
                break;
            }
            current = v;
        }
        return current;
    }

    /** Every version, by activation time. */
    public List<Version> versions() {
        return byActivation;
    }
}
