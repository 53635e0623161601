package io.tollgate.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * One call a vendor carried for us, as the vendor's own switch knows it: a leg dialled out on a vendor trunk that the
 * far end answered, and ended. {@code answered} and {@code ended} are the very times of the leg's ChannelStateChange
 * Up and ChannelDestroyed events, so CDRs built from those events agree with this record to the millisecond.
 *
 * @param trunk        the trunk endpoint ({@code vendor-a})
 * @param number       the number as the switch dialled it ({@code PJSIP/<number>@<trunk>})
 * @param callerNumber the caller id number the leg presented, empty when it presented none
 */
public record VendorLeg(String trunk, String number, String callerNumber, Instant answered, Instant ended) {
    public VendorLeg {
        callerNumber = callerNumber == null ? "" : callerNumber;
    }

    /** Answered to ended, to the millisecond. */
    public Duration talked() {
        return Duration.between(answered, ended);
    }
}
