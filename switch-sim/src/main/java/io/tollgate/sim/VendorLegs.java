package io.tollgate.sim;

import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The vendors' record of what they carried, kept only when {@link SwitchSim.Options#recordVendorLegs()} asks: a load
 * test of millions of calls must not hold one object per call. The exchange's thread adds; any thread may read.
 */
final class VendorLegs {
    private final boolean recording;
    private final Queue<VendorLeg> ended = new ConcurrentLinkedQueue<>();

    VendorLegs(boolean recording) {
        this.recording = recording;
    }

    /** A trunk leg's ChannelStateChange Up was just rendered: its time is when the vendor starts to bill. */
    void answered(Channel ch, long eventTime) {
        if (recording && ch.kind == Channel.Kind.TRUNK) {
            ch.answeredAt = eventTime;
        }
    }

    /** A channel's ChannelDestroyed was just rendered at {@code eventTime}: an answered trunk leg is a carried call. */
    void destroyed(Channel ch, long eventTime) {
        if (recording && ch.kind == Channel.Kind.TRUNK && ch.answeredAt != 0) {
            ended.add(new VendorLeg(ch.trunk, ch.number, presentedNumber(ch), Instant.ofEpochMilli(ch.answeredAt),
                    Instant.ofEpochMilli(eventTime)));
        }
    }

    List<VendorLeg> snapshot() {
        return List.copyOf(ended);
    }

    /**
     * The number the INVITE's From carried: what {@code CALLERID(num)} was set to over ARI (which shows in the
     * channel's snapshot), else what channels/create's variables gave it (which Asterisk keeps out of snapshots).
     */
    private static String presentedNumber(Channel ch) {
        if (!ch.callerNumber.isEmpty()) {
            return ch.callerNumber;
        }
        String variable = ch.var("CALLERID(num)");
        return variable == null ? "" : variable;
    }
}
