package io.tollgate.sim;

import java.time.Duration;
import java.util.List;

/**
 * The far ends of calls. A trunk leg's far end is the vendor's switch, played by the trunk's {@link VendorBehaviour}
 * on timers. A caller leg's far end is a customer leg that arrives on its line's customer endpoint and enters the
 * customer context's Stasis application, the two linked like the two ends of one SIP call: the customer leg's
 * ringing, answer and hangup reach the caller leg (with the SIP response chan_pjsip would send), and the caller's
 * hangup reaches the customer leg as a BYE or CANCEL. The halves of a Local pair are linked the same way, without SIP.
 */
final class FarEnds {
    private final Exchange x;

    FarEnds(Exchange x) {
        this.x = x;
    }

    /** The call went out (INVITE sent): the far end starts doing what it does. */
    void dialled(Channel ch) {
        ch.dialled = true;
        switch (ch.kind) {
            case TRUNK -> startTrunkCall(ch, x.dialplan.trunk(ch.trunk).dialled(ch.number, ch.trunk));
            case CALLER -> x.later(0, () -> arriveAsCustomer(ch));
            case LOCAL -> x.later(0, () -> startLocalHalf(ch.peer));
            default -> {
            }
        }
    }

    // ---- vendor trunks -----------------------------------------------------------------------------------------

    private void startTrunkCall(Channel ch, FarEnd plan) {
        long ring = plan.ringAfter() == null ? -1 : plan.ringAfter().toMillis();
        long end = plan.answerAfter() != null ? plan.answerAfter().toMillis()
                : plan.refuseAfter() != null ? plan.refuseAfter().toMillis() : -1;
        if (ring >= 0 && (end < 0 || ring <= end)) {
            ch.farEndStep = x.later(ring, () -> {
                outboundRinging(ch);
                finishTrunkCall(ch, plan, end < 0 ? -1 : end - ring);
            });
        } else {
            finishTrunkCall(ch, plan, end);
        }
    }

    private void finishTrunkCall(Channel ch, FarEnd plan, long after) {
        if (after < 0 || ch.hungUp) {
            return;
        }
        ch.farEndStep = x.later(after, () -> {
            if (plan.answerAfter() != null) {
                outboundAnswered(ch);
                Duration talk = plan.talk();
                if (talk != null && !ch.hungUp) {
                    ch.farEndStep = x.later(talk.toMillis(),
                            () -> x.hangups.hangup(ch, Causes.NORMAL_CLEARING, 0, Hangups.Initiator.FAR_END));
                }
            } else {
                refused(ch, plan.cause());
            }
        });
    }

    /** The far end refused the call with {@code cause}: what arrives is the SIP response chan_pjsip would send. */
    private void refused(Channel ch, int cause) {
        int sip = Causes.rejectResponse(cause);
        x.hangups.hangup(ch, Causes.fromSip(sip), sip, Hangups.Initiator.FAR_END);
    }

    // ---- outbound legs hearing from their far end --------------------------------------------------------------

    /** 180 Ringing reached an outbound leg (every 180 gives a Dial RINGING; only the first changes the state). */
    void outboundRinging(Channel ch) {
        if (ch.hungUp || ch.up()) {
            return;
        }
        if (!Channel.RINGING.equals(ch.state)) {
            ch.state = Channel.RINGING;
            x.events.stateChange(ch);
        }
        x.events.dial(ch, "RINGING", ch.originated ? ch.dialstring : "");
        x.bridgeControl.passRinging(ch);
    }

    void outboundProgress(Channel ch) {
        if (ch.hungUp || ch.up()) {
            return;
        }
        x.events.dial(ch, "PROGRESS", ch.originated ? ch.dialstring : "");
        x.bridgeControl.passProgress(ch);
    }

    /** 200 OK: the leg is up; an originated one now goes where the originate sent it. */
    void outboundAnswered(Channel ch) {
        if (ch.hungUp || ch.up()) {
            return;
        }
        if (ch.dialTimeout != null) {
            ch.dialTimeout.cancel(false);
            ch.dialTimeout = null;
        }
        x.bridgeControl.answering(ch);
        ch.state = Channel.UP;
        ch.media = ch.isPjsip();
        x.events.stateChange(ch);
        x.vendorLegs.answered(ch, x.events.lastTimestamp());
        x.events.dial(ch, "ANSWER", ch.originated ? ch.dialstring : "");
        if (ch.originated) {
            if (ch.originateApp != null) {
                if (!x.stasis.enter(ch, ch.originateApp.name, ch.originateArgs, false)) {
                    x.hangups.hangup(ch, Causes.NORMAL_CLEARING, 0, Hangups.Initiator.DIALPLAN);
                    return;
                }
            }
            // a context that waits keeps the channel up: nothing more to report
        }
        x.bridgeControl.passAnswer(ch);
    }

    // ---- inbound legs: what their application does reaches the caller -----------------------------------------

    /** {@code POST ring} (or a bridged vendor ringing) on an inbound leg: 180 towards its caller. */
    void inboundRinging(Channel in) {
        Channel out = in.peer;
        if (out != null && !out.hungUp) {
            outboundRinging(out);
        }
    }

    void inboundProgress(Channel in) {
        Channel out = in.peer;
        if (out != null && !out.hungUp) {
            outboundProgress(out);
        }
    }

    void inboundAnswered(Channel in) {
        Channel out = in.peer;
        if (out != null && !out.hungUp) {
            outboundAnswered(out);
        }
    }

    // ---- the test callers' calls arriving on their customer endpoints -----------------------------------------

    /**
     * The caller leg's INVITE arrives on its line's customer endpoint: a customer leg enters the customer context,
     * whose dialplan sends it into its Stasis application with the dialled number ({@code Stasis(tollgate,${EXTEN})}).
     */
    private void arriveAsCustomer(Channel caller) {
        if (caller.hungUp) {
            return;
        }
        String context = x.dialplan.customerContext();
        String endpoint = x.dialplan.customerEndpointOf(caller.trunk);
        Channel in = new Channel(x.newUniqueId(), x.pjsipName(endpoint), Channel.Kind.CUSTOMER, "PJSIP/" + endpoint,
                x.events.now(), "", Channel.RING);
        if (caller.callerNumber.isEmpty() && caller.callerName.isEmpty()) {
            // a caller leg without caller id sends From: "Anonymous" <sip:anonymous@anonymous.invalid>
            in.callerName = "Anonymous";
            in.callerNumber = "anonymous";
        } else {
            in.callerName = caller.callerName;
            in.callerNumber = caller.callerNumber;
        }
        in.context = context;
        in.exten = caller.number;
        in.peer = caller;
        in.dialplanChannel = true;
        caller.peer = in;
        x.add(in);
        // ChannelCreated goes out before PJSIP has set the Call-ID (both ends of the call share it)
        in.protocolId = caller.protocolId;
        x.events.autoVarset(in, "SIPDOMAIN", Dialplan.SIP_DOMAIN);
        runContext(in, context, in.exten);
    }

    /** A channel runs {@code exten@context}: a customer context enters its Stasis app, a waiting context waits. */
    private void runContext(Channel ch, String context, String exten) {
        String app = x.dialplan.stasisAppOf(context);
        if (app != null) {
            boolean entered = x.stasis.enter(ch, app, List.of(exten), true);
            (entered ? x.app(app).entered : x.app(app).refused).incrementAndGet();
            if (!entered) {
                // Stasis() failed: the dialplan goes on to Hangup(), refusing the unanswered call
                x.hangups.hangup(ch, Causes.NORMAL_CLEARING, Causes.rejectResponse(Causes.NORMAL_CLEARING),
                        Hangups.Initiator.DIALPLAN);
            }
        } else if (x.dialplan.waits(context)) {
            ch.appName = "Wait";
            ch.appData = "3600";
            x.events.dialplan(ch, "Wait", "3600");
        }
    }

    // ---- Local channels ----------------------------------------------------------------------------------------

    /** The ;2 half of a dialled Local pair runs the dialplan of the Local channel's context. */
    private void startLocalHalf(Channel two) {
        if (two == null || two.hungUp) {
            return;
        }
        runContext(two, two.context, two.exten);
    }

    // ---- hangups crossing to the other end ---------------------------------------------------------------------

    /** {@code ch} was destroyed with {@code cause}: its far end hears of it. */
    void hungUp(Channel ch, int cause) {
        Channel other = ch.peer;
        if (other == null || other.hungUp) {
            return;
        }
        switch (ch.kind) {
            case CALLER -> {
                // the caller hung up: a BYE to an answered customer leg, a CANCEL (487) to an unanswered one
                if (other.up()) {
                    x.hangups.hangup(other, Causes.NORMAL_CLEARING, 0, Hangups.Initiator.FAR_END);
                } else {
                    x.hangups.hangup(other, Causes.NORMAL_CLEARING, 487, Hangups.Initiator.FAR_END);
                }
            }
            case CUSTOMER -> {
                // the customer leg hung up: a BYE to an answered caller, else the final response for its cause
                if (ch.media) {
                    x.hangups.hangup(other, Causes.NORMAL_CLEARING, 0, Hangups.Initiator.FAR_END);
                } else {
                    int sip = Causes.rejectResponse(cause);
                    x.hangups.hangup(other, Causes.fromSip(sip), sip, Hangups.Initiator.FAR_END);
                }
            }
            case LOCAL -> x.hangups.hangup(other, cause, 0, Hangups.Initiator.LOCAL_PEER);
            default -> {
            }
        }
    }
}
