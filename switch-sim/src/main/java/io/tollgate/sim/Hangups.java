package io.tollgate.sim;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How a channel ends, event by event, as Asterisk 22 reports it (recorded on the local stack): RTP statistics of an
 * answered SIP leg, the hangup request, the bridge left, Stasis left, the channel destroyed; then the far end of the
 * call is told (a SIP BYE, CANCEL or final response to the other leg, or the other half of a Local pair).
 */
final class Hangups {
    /** Who ended the channel; it decides what ChannelHangupRequest says. */
    enum Initiator {
        /** {@code DELETE /channels/{id}}: a soft hangup, reported as cause 32 (AST_SOFTHANGUP_EXPLICIT). */
        ARI,
        /** The dial timeout of {@code POST /channels/{id}/dial} or an originate ran out: also a soft hangup. */
        DIAL_TIMEOUT,
        /** The far end over SIP (a final response before answer, a BYE after). */
        FAR_END,
        /** The other half of a Local pair hung up. */
        LOCAL_PEER,
        /** The dialplan hung up a channel (Stasis could not start). */
        DIALPLAN
    }

    private static final String[] RTP_STATS = {"", "JITTER", "LOSS", "RTT", "MES"};
    private static final String[] RTP_VALUES = {
            null,
            "minrxjitter=000.000000;maxrxjitter=000.000000;avgrxjitter=000.000000;stdevrxjitter=000.000000;"
                    + "mintxjitter=000.000000;maxtxjitter=000.000000;avgtxjitter=000.000000;stdevtxjitter=000.000000;",
            "  minrxlost=000.000000;  maxrxlost=000.000000;  avgrxlost=000.000000;  stdevrxlost=000.000000;"
                    + "  mintxlost=000.000000;  maxtxlost=000.000000;  avgtxlost=000.000000;  stdevtxlost=000.000000;",
            "     minrtt=000.000000;     maxrtt=000.000000;     avgrtt=000.000000;     stdevrtt=000.000000;",
            "   minrxmes=000.000000;   maxrxmes=000.000000;   avgrxmes=000.000000;   stdevrxmes=000.000000;"
                    + "   mintxmes=000.000000;   maxtxmes=000.000000;   avgtxmes=000.000000;   stdevtxmes=000.000000;"};

    private final Exchange x;

    Hangups(Exchange x) {
        this.x = x;
    }

    /**
     * An ARI hangup with {@code cause}. The SIP side of it decides the channel's {@code tech_cause}: a call never
     * sent out is refused (16 as 603 Decline), an unanswered inbound call gets the cause's final response, a
     * CANCEL or BYE carries the cause's SIP code only if it has one.
     */
    void byAri(Channel ch, int cause) {
        int tech = switch (ch.kind) {
            case TRUNK, CALLER -> ch.dialled ? Causes.toSip(cause) : Causes.rejectResponse(cause);
            case CUSTOMER -> ch.up() ? Causes.toSip(cause) : Causes.rejectResponse(cause);
            case LOCAL -> 0;
        };
        hangup(ch, cause, tech, Initiator.ARI);
    }

    /** Ends {@code ch} and everything that follows from it. Repeated calls for one channel do nothing. */
    void hangup(Channel ch, int cause, int techCause, Initiator initiator) {
        if (ch.hungUp) {
            return;
        }
        ch.hungUp = true;
        ch.cancelTimers();
        if (ch.media && ch.isPjsip()) {
            rtpStatistics(ch);
        }
        switch (initiator) {
            case ARI, DIAL_TIMEOUT, DIALPLAN -> x.events.hangupRequest(ch, Causes.SOFTHANGUP_EXPLICIT, true, 0);
            case FAR_END, LOCAL_PEER -> x.events.hangupRequest(ch, cause, false, techCause);
        }
        if (ch.originated && ch.dialled && !ch.media && !ch.up()) {
            // an originate reports how its dial ended; a channels/create + dial leg does not
            x.events.dial(ch, dialStatus(cause), ch.dialstring);
        }
        if (ch.bridge != null) {
            x.bridgeControl.leave(ch);
        }
        boolean wasInStasis = ch.inStasis();
        x.stasis.leave(ch);
        if (initiator == Initiator.ARI && !ch.dialled && (ch.kind == Channel.Kind.TRUNK
                || ch.kind == Channel.Kind.CALLER)) {
            // chan_pjsip ends a call it never sent with a final response of its own, reported once more
            x.events.hangupRequest(ch, cause, false, techCause);
        }
        if (wasInStasis && ch.dialplanChannel) {
            // a dialplan channel that left Stasis is hung up by the PBX as it unwinds (seen by subscribeAll only)
            x.events.hangupRequest(ch, Causes.SOFTHANGUP_APPUNLOAD, true, 0);
            ch.appName = "";
            ch.appData = "";
        } else if (wasInStasis) {
            ch.appName = ch.appNameBefore;
            ch.appData = ch.appDataBefore;
        }
        ch.hangupCause = cause;
        ch.techCause = techCause;
        x.events.destroyed(ch);
        x.vendorLegs.destroyed(ch, x.events.lastTimestamp());
        x.remove(ch);
        x.farEnds.hungUp(ch, cause);
    }

    /**
     * The RTP statistics Asterisk sets on an answered SIP channel as it hangs up; a natively bridged peer gets the
     * same figures as {@code ...BRIDGED}. Nothing flows here, so every figure is zero, as on the local stack.
     */
    private void rtpStatistics(Channel ch) {
        if (!x.events.chatty()) {
            return;
        }
        Channel peer = ch.bridge != null && Bridge.NATIVE_RTP.equals(ch.bridge.technology) ? ch.bridge.peerOf(ch) : null;
        for (int i = 0; i < RTP_STATS.length; i++) {
            String value = RTP_VALUES[i] != null ? RTP_VALUES[i]
                    : "ssrc=" + ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE)
                    + ";themssrc=0;lp=0;rxjitter=0.000000;rxcount=0;txjitter=0.000000;txcount=0;rlp=0;"
                    + "rtt=0.000000;rxmes=0.000000;txmes=0.000000";
            x.events.varset(ch, "RTPAUDIOQOS" + RTP_STATS[i], value);
            if (peer != null) {
                x.events.varset(peer, "RTPAUDIOQOS" + RTP_STATS[i] + "BRIDGED", value);
            }
        }
    }

    /** main/dial.c's ast_hangup_cause_to_dial_status. */
    static String dialStatus(int cause) {
        return switch (cause) {
            case Causes.USER_BUSY -> "BUSY";
            case Causes.CONGESTION -> "CONGESTION";
            case 3, 20 -> "CHANUNAVAIL";
            default -> "NOANSWER";
        };
    }
}
