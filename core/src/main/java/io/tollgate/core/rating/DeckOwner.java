package io.tollgate.core.rating;

import io.tollgate.core.instructions.Party;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whose deck it is: a customer's (what we charge) or a vendor's (what we pay), written {@code vendor:carrier-b}.
 * Ids use the characters of tollgate.yaml's ids, never ':' (it separates the parts of instruction subjects).
 */
public record DeckOwner(Party party, String id) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public DeckOwner {
        Objects.requireNonNull(party, "party");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not an id (1 to 64 letters, digits, '.', '_', '-')");
        }
    }

    /**
     * Reads {@code customer:ID} or {@code vendor:ID}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static DeckOwner parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!kind.equals("customer") && !kind.equals("vendor")) {
            throw new IllegalArgumentException("'" + text + "' is not customer:ID or vendor:ID");
        }
        return new DeckOwner(Party.valueOf(kind.toUpperCase(Locale.ROOT)), text.substring(colon + 1));
    }

    /** The deck's id in storage and in rated CDRs, such as {@code vendor-carrier-b}. */
    public String deckId() {
        return party.word() + "-" + id;
    }

    /** The label of one version, as rated CDRs name it: {@code carrier-b-17}. */
    public String versionLabel(int version) {
        return id + "-" + version;
    }

    @Override
    public String toString() {
        return party.word() + ":" + id;
    }
}
