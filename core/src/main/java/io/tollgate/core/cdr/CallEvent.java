package io.tollgate.core.cdr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One ARI-derived event of a call, as the routing agent publishes it on {@code tollgate.call-events}.
 *
 * <p>{@code callId} is the Asterisk channel id of the customer leg and the deduplication key end to end;
 * {@code legId} is the channel the event is about (the customer leg itself for {@link Type#SETUP} and {@link Type#END}).
 * {@code seq} numbers the events of one call from the agent's point of view, so CDR assembly can order events
 * whose timestamps tie and detect a missing one. Fields that an event type does not carry are null.
 *
 * @param cause Q.850 cause code (0..127), set on {@link Type#HANGUP} and {@link Type#END}
 */
public record CallEvent(
        Type type,
        String callId,
        String legId,
        Instant ts,
        String customer,
        String aNumber,
        String bNumber,
        String vendor,
        Integer cause,
        String agentId,
        long seq) {

    /** The steps of a call as the agent's Stasis application sees them. */
    public enum Type {
        /** The customer leg entered the application (StasisStart). */
        SETUP,
        /** A vendor leg was originated: one route attempt. */
        ATTEMPT,
        /** Early media on a vendor leg (SIP 183), the end of post-dial delay when no ringing comes. */
        PROGRESS,
        /** A vendor leg rings (SIP 180). */
        RINGING,
        /** A vendor leg answered and was bridged to the customer leg. */
        ANSWER,
        /** One leg hung up, with its cause; the call may go on with the next route. */
        HANGUP,
        /** The call is over: no leg is left and no further event will follow. */
        END
    }

    public CallEvent {
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(callId, "callId is required");
        Objects.requireNonNull(ts, "ts is required");
        // The wire carries epoch milliseconds; holding the same precision keeps an event equal to its own round trip.
        ts = ts.truncatedTo(ChronoUnit.MILLIS);
        Q850.check(cause);
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
    }
}
