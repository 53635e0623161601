package io.tollgate.ingest.clickhouse;

import io.tollgate.core.rating.DeckOwner;

import java.time.Instant;

/**
 * One version of an owner's deck as the deck store holds it.
 *
 * @param digest      SHA-256 of the imported file's bytes, hex
 * @param quarantined bad rows set aside by a quarantining import (not stored)
 * @param activeFrom  when agents and jobs switch to this version
 * @param publishedAt when Kafka acknowledged its deck-activation instruction; null until then
 */
public record StoredVersion(DeckOwner owner, int version, String sourceFile, String digest, int rows, int quarantined,
                            String importedBy, Instant importedAt, Instant activeFrom, Instant publishedAt) {

    public boolean published() {
        return publishedAt != null;
    }

    public StoredVersion publishedAt(Instant at) {
        return new StoredVersion(owner, version, sourceFile, digest, rows, quarantined, importedBy, importedAt,
                activeFrom, at);
    }
}
