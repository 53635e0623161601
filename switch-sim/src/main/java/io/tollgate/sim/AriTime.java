package io.tollgate.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ARI's timestamps: {@code 2026-11-26T14:33:50.194+0000}, always UTC. The formatted second is cached, since
 * events come thousands a second and most of them share it.
 */
final class AriTime {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private static final class Cached {
        final long second;
        final String text;

        Cached(long second, String text) {
            this.second = second;
            this.text = text;
        }
    }

    private static volatile Cached cached = new Cached(-1, "");

    private AriTime() {
    }

    static void append(StringBuilder out, long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Cached c = cached;
        if (c.second != second) {
            c = new Cached(second, SECOND.format(Instant.ofEpochSecond(second)));
            cached = c;
        }
        int millis = Math.floorMod(epochMillis, 1000);
        out.append(c.text).append('.');
        if (millis < 100) {
            out.append('0');
        }
        if (millis < 10) {
            out.append('0');
        }
        out.append(millis).append("+0000");
    }

    static String format(long epochMillis) {
        StringBuilder sb = new StringBuilder(28);
        append(sb, epochMillis);
        return sb.toString();
    }
}
