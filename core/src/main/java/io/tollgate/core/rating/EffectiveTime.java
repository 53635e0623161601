package io.tollgate.core.rating;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads the effective_from/effective_to of a deck row. */
final class EffectiveTime {
    private EffectiveTime() {
    }

    /**
     * ISO-8601 with an offset or Z ({@code 2026-01-01T00:00:00Z}, {@code 2026-01-01T01:00:00+01:00}), or a date
     * alone, taken as midnight UTC. A local date-time without offset is refused: its instant would depend on the
     * server's zone.
     */
    static Instant parse(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time with offset "
                    + "(like 2026-01-01T00:00:00Z) or a date (2026-01-01)");
        }
    }
}
