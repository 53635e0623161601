package io.tollgate.sim;

import java.util.Map;

/**
 * Q.850 hangup causes as Asterisk names them ({@code cause_txt}), and the way chan_pjsip turns a cause into the
 * SIP response it sends ({@code hangup_cause2sip}) and a received SIP response back into a cause
 * ({@code hangup_sip2cause}). Over SIP a cause survives only as far as this round trip lets it: 3 (no route) goes
 * out as 404 and comes back as 1, 42 goes out as 503 and comes back as 34, and 16 has no SIP response at all (a
 * normal clearing before answer is sent as 603 Decline).
 */
final class Causes {
    static final int UNALLOCATED = 1;
    static final int NORMAL_CLEARING = 16;
    static final int USER_BUSY = 17;
    static final int NO_ANSWER = 19;
    static final int CALL_REJECTED = 21;
    static final int CONGESTION = 34;
    /** Not a cause: the value of AST_SOFTHANGUP_EXPLICIT, which ChannelHangupRequest reports as "cause" for an ARI hangup. */
    static final int SOFTHANGUP_EXPLICIT = 32;
    /** AST_SOFTHANGUP_APPUNLOAD, reported likewise when a channel that left Stasis is finally hung up. */
    static final int SOFTHANGUP_APPUNLOAD = 16;
    /** The SIP response an unanswered call gets when the cause has none of its own. */
    static final int SIP_DECLINE = 603;

    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(0, "Unknown"),
            Map.entry(1, "Unallocated (unassigned) number"),
            Map.entry(2, "No route to specified transmit network"),
            Map.entry(3, "No route to destination"),
            Map.entry(6, "Channel unacceptable"),
            Map.entry(7, "Call awarded and being delivered in an established channel"),
            Map.entry(16, "Normal Clearing"),
            Map.entry(17, "User busy"),
            Map.entry(18, "No user responding"),
            Map.entry(19, "User alerting, no answer"),
            Map.entry(20, "Subscriber absent"),
            Map.entry(21, "Call Rejected"),
            Map.entry(22, "Number changed"),
            Map.entry(26, "Answered elsewhere"),
            Map.entry(27, "Destination out of order"),
            Map.entry(28, "Invalid number format"),
            Map.entry(29, "Facility rejected"),
            Map.entry(30, "Response to STATus ENQuiry"),
            Map.entry(31, "Normal, unspecified"),
            Map.entry(34, "Circuit/channel congestion"),
            Map.entry(38, "Network out of order"),
            Map.entry(41, "Temporary failure"),
            Map.entry(42, "Switching equipment congestion"),
            Map.entry(43, "Access information discarded"),
            Map.entry(44, "Requested channel not available"),
            Map.entry(50, "Facility not subscribed"),
            Map.entry(52, "Outgoing call barred"),
            Map.entry(54, "Incoming call barred"),
            Map.entry(57, "Bearer capability not authorized"),
            Map.entry(58, "Bearer capability not available"),
            Map.entry(65, "Bearer capability not implemented"),
            Map.entry(66, "Channel not implemented"),
            Map.entry(69, "Facility not implemented"),
            Map.entry(81, "Invalid call reference value"),
            Map.entry(88, "Incompatible destination"),
            Map.entry(95, "Invalid message unspecified"),
            Map.entry(96, "Mandatory information element is missing"),
            Map.entry(97, "Message type nonexist."),
            Map.entry(98, "Wrong message"),
            Map.entry(99, "Info. element nonexist or not implemented"),
            Map.entry(100, "Invalid information element contents"),
            Map.entry(101, "Message not compatible with call state"),
            Map.entry(102, "Recover on timer expiry"),
            Map.entry(103, "Mandatory IE length error"),
            Map.entry(111, "Protocol error, unspecified"),
            Map.entry(127, "Interworking, unspecified"));

    private Causes() {
    }

    static String text(int cause) {
        return TEXT.getOrDefault(cause, "Unknown");
    }

    /** chan_pjsip's hangup_cause2sip: the SIP response for a cause, 0 when it has none (16 among them). */
    static int toSip(int cause) {
        return switch (cause) {
            case 1, 2, 3 -> 404;
            case 34, 42, 66 -> 503;
            case 18 -> 408;
            case 19, 20, 31 -> 480;
            case 21 -> 403;
            case 22 -> 410;
            case 28 -> 484;
            case 17 -> 486;
            case 38, 127 -> 500;
            case 29 -> 501;
            case 27 -> 502;
            case 58 -> 488;
            default -> 0;
        };
    }

    /** chan_pjsip's hangup_sip2cause: the cause a received SIP final response gives a channel. */
    static int fromSip(int status) {
        return switch (status) {
            case 401, 403, 407, 603 -> 21;
            case 404, 485, 604 -> 1;
            case 408 -> 18;
            case 409 -> 41;
            case 410 -> 22;
            case 420 -> 3;
            case 480, 483 -> 19;
            case 484 -> 28;
            case 486, 600 -> 17;
            case 488, 606 -> 58;
            case 500 -> 38;
            case 501 -> 29;
            case 502 -> 27;
            case 503 -> 34;
            case 504 -> 102;
            default -> {
                if (status >= 400 && status < 500) {
                    yield 127;
                } else if (status >= 500 && status < 600) {
                    yield 34;
                } else if (status >= 600 && status < 700) {
                    yield 127;
                }
                yield 16;
            }
        };
    }

    /** The SIP response with which an unanswered SIP call is ended for {@code cause}: 603 when it has none. */
    static int rejectResponse(int cause) {
        int sip = toSip(cause);
        return sip == 0 ? SIP_DECLINE : sip;
    }

    /** ARI's hangup {@code reason} names (resource_channels.c convert_reason_to_hangup_code); -1 if unknown. */
    static int ofReason(String reason) {
        return switch (reason) {
            case "normal" -> 16;
            case "busy" -> 17;
            case "congestion" -> 34;
            case "no_answer" -> 19;
            case "timeout" -> 18;
            case "rejected" -> 21;
            case "unallocated" -> 1;
            case "normal_unspecified" -> 31;
            case "number_incomplete" -> 28;
            case "codec_mismatch" -> 58;
            case "interworking" -> 127;
            case "failure" -> 38;
            case "answered_elsewhere" -> 26;
            default -> -1;
        };
    }
}
