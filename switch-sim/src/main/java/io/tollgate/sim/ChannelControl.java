package io.tollgate.sim;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channels resource: originate, create, dial, answer, ring, progress, hangup, variables. Checks and error
 * answers follow Asterisk 22's res/ari/resource_channels.c (a channel outside Stasis is 409, one in the wrong state
 * 412, a taken id 409, an endpoint nobody can call 500 "Allocation failed").
 */
final class ChannelControl {
    /** Formats Asterisk knows by name (a request naming another is refused with 400). */
    private static final Set<String> FORMATS = Set.of("ulaw", "alaw", "gsm", "g722", "g729", "g726", "g723",
            "ilbc", "opus", "speex", "speex16", "speex32", "slin", "slin12", "slin16", "slin24", "slin32", "slin44",
            "slin48", "slin96", "slin192", "lpc10", "adpcm", "h264", "vp8", "vp9", "h263", "t140", "silk", "siren7",
            "siren14", "testlaw", "codec2", "g719");

    private final Exchange x;

    ChannelControl(Exchange x) {
        this.x = x;
    }

    /** The parameters of originate and create, query and body merged. */
    record Request(String endpoint, String app, String appArgs, String channelId, String otherChannelId,
                   String callerId, String context, String extension, int timeout, String originator,
                   String formats, Map<String, String> variables) {
    }

    /** Where an endpoint string leads. */
    private record Target(Channel.Kind kind, String resource, String number, String context) {
    }

    // ---- creating channels -------------------------------------------------------------------------------------

    AriResponse originate(Request r) {
        if (blank(r.endpoint())) {
            return AriResponse.error(400, "Endpoint must be specified");
        }
        if (!blank(r.originator()) && !blank(r.formats())) {
            return AriResponse.error(400, "Originator and formats can't both be specified");
        }
        Target target = parse(r.endpoint());
        if (target == null) {
            return AriResponse.error(400, "Invalid endpoint specified");
        }
        if (blank(r.app()) && blank(r.extension())) {
            return AriResponse.error(400, "Application or extension must be specified");
        }
        AriResponse refused = checkRequest(r, target);
        if (refused != null) {
            return refused;
        }
        Channel ch = newOutbound(target, r.channelId(), r.otherChannelId());
        ch.originated = true;
        ch.dialstring = dialstring(target);
        if (!blank(r.callerId())) {
            setCallerId(ch, r.callerId());
        }
        if (!blank(r.app())) {
            ch.originateApp = x.app(r.app());
            ch.originateArgs = blank(r.appArgs()) ? List.of() : List.of(r.appArgs().split(","));
        }
        setVariables(ch, r.variables());
        String response = json(ch);
        x.add(ch);
        if (ch.peer != null) {
            x.add(ch.peer);
        }
        if (!blank(r.callerId()) && ch.isPjsip()) {
            x.events.callerId(ch);
            x.events.connectedLine(ch);
        }
        ch.appName = "AppDial2";
        ch.appData = "(Outgoing Line)";
        x.events.dialplan(ch, "AppDial2", "(Outgoing Line)");
        if (ch.originateApp != null) {
            // originate subscribes the application to the channel, and to the other half of a Local pair
            ch.owner = ch.originateApp;
            if (ch.peer != null) {
                ch.peer.owner = ch.originateApp;
            }
        }
        x.events.dial(ch, "", ch.dialstring);
        int timeout = r.timeout() == 0 ? 30 : r.timeout();
        if (timeout > 0) {
            ch.dialTimeout = x.later(timeout * 1000L, () -> dialTimedOut(ch));
        }
        x.farEnds.dialled(ch);
        return AriResponse.ok(response);
    }

    AriResponse create(Request r) {
        if (!blank(r.originator()) && !blank(r.formats())) {
            return AriResponse.error(400, "Originator and formats can't both be specified");
        }
        if (blank(r.endpoint())) {
            return AriResponse.error(400, "Endpoint must be specified");
        }
        Target target = parse(r.endpoint());
        if (target == null) {
            return AriResponse.error(400, "Invalid endpoint specified");
        }
        AriResponse refused = checkRequest(r, target);
        if (refused != null) {
            return refused;
        }
        if (target.kind() == Channel.Kind.LOCAL) {
            // channels/create of a Local channel is not simulated (nothing here needs it)
            return AriResponse.allocationFailed();
        }
        Channel ch = newOutbound(target, r.channelId(), null);
        ch.dialstring = dialstring(target);
        StasisApp app = x.app(blank(r.app()) ? "" : r.app());
        ch.owner = app;
        setVariables(ch, r.variables());
        String response = json(ch);
        x.add(ch);
        List<String> args = blank(r.appArgs()) ? List.of() : List.of(r.appArgs().split(","));
        if (!x.stasis.enter(ch, app.name, args, true)) {
            x.hangups.hangup(ch, Causes.NORMAL_CLEARING, Causes.rejectResponse(Causes.NORMAL_CLEARING),
                    Hangups.Initiator.DIALPLAN);
        }
        return AriResponse.ok(response);
    }

    private AriResponse checkRequest(Request r, Target target) {
        if (!blank(r.formats())) {
            for (String format : r.formats().split(",")) {
                if (!FORMATS.contains(format.trim())) {
                    return AriResponse.error(400, "Provided format (" + format.trim() + ") was not found");
                }
            }
        }
        if (!blank(r.originator()) && x.channel(r.originator()) == null) {
            return AriResponse.error(400, "Provided originator channel was not found");
        }
        if (takenId(r.channelId()) || takenId(r.otherChannelId())) {
            return AriResponse.error(409, "Channel with given unique ID already exists");
        }
        if (target.kind() == null) {
            return AriResponse.allocationFailed();
        }
        return null;
    }

    private boolean takenId(String id) {
        return !blank(id) && x.channels.containsKey(id);
    }

    /** {@code PJSIP/<number>@<endpoint>} or {@code Local/<exten>@<context>}; a kind of null is an endpoint nobody can call. */
    private Target parse(String endpoint) {
        int slash = endpoint.indexOf('/');
        if (slash <= 0 || slash == endpoint.length() - 1) {
            return null;
        }
        String tech = endpoint.substring(0, slash);
        String resource = endpoint.substring(slash + 1);
        int at = resource.indexOf('@');
        String user = at < 0 ? "" : resource.substring(0, at);
        String where = at < 0 ? resource : resource.substring(at + 1);
        if (tech.equalsIgnoreCase("PJSIP")) {
            if (x.dialplan.isTrunk(where)) {
                return new Target(Channel.Kind.TRUNK, where, user, Dialplan.TRUNK_CONTEXT);
            }
            if (x.dialplan.isCallerEndpoint(where)) {
                return new Target(Channel.Kind.CALLER, where, user, Dialplan.CALLER_CONTEXT);
            }
            // a customer endpoint has no contact to call; anything else does not exist
            return new Target(null, where, user, null);
        }
        if (tech.equalsIgnoreCase("Local") && at > 0) {
            String context = where.contains("/") ? where.substring(0, where.indexOf('/')) : where;
            return new Target(x.dialplan.knowsContext(context) ? Channel.Kind.LOCAL : null, context, user, context);
        }
        return new Target(null, resource, user, null);
    }

    private static String dialstring(Target target) {
        return target.number() + "@" + target.resource();
    }

    private Channel newOutbound(Target target, String channelId, String otherChannelId) {
        String id = blank(channelId) ? x.newUniqueId() : channelId;
        long now = x.events.now();
        if (target.kind() == Channel.Kind.LOCAL) {
            String base = x.localBaseName(target.number(), target.context());
            Channel one = new Channel(id, base + ";1", Channel.Kind.LOCAL, "Local/" + target.number() + "@"
                    + target.context(), now, "", Channel.DOWN);
            Channel two = new Channel(blank(otherChannelId) ? x.newUniqueId() : otherChannelId, base + ";2",
                    Channel.Kind.LOCAL, one.endpoint, now, "", Channel.RING);
            one.localOne = true;
            one.context = target.context();
            one.exten = target.number();
            two.context = target.context();
            two.exten = target.number();
            two.dialplanChannel = true;
            one.peer = two;
            two.peer = one;
            one.number = target.number();
            return one;
        }
        Channel ch = new Channel(id, x.pjsipName(target.resource()), target.kind(), "PJSIP/" + target.resource(),
                now, Exchange.newProtocolId(), Channel.DOWN);
        ch.context = target.context();
        ch.exten = "s";
        ch.trunk = target.resource();
        ch.number = target.number();
        return ch;
    }

    /** {@code "Name" <number>} or a plain number, as ast_callerid_parse reads it. */
    private static void setCallerId(Channel ch, String callerId) {
        String name = "";
        String number = callerId.trim();
        int lt = number.indexOf('<');
        int gt = number.indexOf('>');
        if (lt >= 0 && gt > lt) {
            name = number.substring(0, lt).trim().replace("\"", "");
            number = number.substring(lt + 1, gt).trim();
        } else if (!number.isEmpty() && !Character.isDigit(number.charAt(0)) && number.charAt(0) != '+') {
            name = number;
            number = "";
        }
        ch.callerName = name;
        ch.callerNumber = number;
        ch.connectedName = name;
        ch.connectedNumber = number;
    }

    private static void setVariables(Channel ch, Map<String, String> variables) {
        if (variables != null) {
            // kept as variables: Asterisk 22 shows a CALLERID(num) given this way in no snapshot either
            variables.forEach(ch::setVar);
        }
    }

    // ---- call control ------------------------------------------------------------------------------------------

    AriResponse dial(String id, String caller, int timeout) {
        Channel ch = x.channel(id);
        AriResponse refused = findControl(ch);
        if (refused != null) {
            return refused;
        }
        if (!Channel.DOWN.equals(ch.state)) {
            return AriResponse.error(409, "Channel is not in the 'Down' state");
        }
        if (ch.dialstring == null || ch.dialled) {
            return AriResponse.error(409, "Dialing a channel not created by ARI");
        }
        Channel callerChannel = x.channel(caller);
        if (callerChannel != null) {
            // the dialled leg takes the caller's party as its connected line
            ch.dialCaller = callerChannel;
            ch.connectedName = callerChannel.callerName;
            ch.connectedNumber = callerChannel.callerNumber;
        }
        x.events.dial(ch, "", ch.dialstring);
        if (timeout > 0) {
            ch.dialTimeout = x.later(timeout * 1000L, () -> dialTimedOut(ch));
        }
        x.farEnds.dialled(ch);
        return AriResponse.NO_CONTENT;
    }

    private void dialTimedOut(Channel ch) {
        ch.dialTimeout = null;
        if (!ch.hungUp && !ch.up()) {
            x.hangups.hangup(ch, Causes.NO_ANSWER, Causes.toSip(Causes.NO_ANSWER), Hangups.Initiator.DIAL_TIMEOUT);
        }
    }

    AriResponse answer(String id) {
        Channel ch = x.channel(id);
        AriResponse refused = findControlInState(ch);
        if (refused != null) {
            return refused;
        }
        if (!ch.up()) {
            answerInbound(ch);
        }
        return AriResponse.NO_CONTENT;
    }

    /** Answers an inbound channel (by ARI, or because a bridged vendor answered); its caller hears a 200 OK. */
    void answerInbound(Channel ch) {
        if (ch.hungUp || ch.up()) {
            return;
        }
        ch.state = Channel.UP;
        ch.media = ch.isPjsip();
        x.events.stateChange(ch);
        x.farEnds.inboundAnswered(ch);
        x.bridgeControl.memberAnswered(ch);
    }

    AriResponse ring(String id) {
        Channel ch = x.channel(id);
        AriResponse refused = findControlInState(ch);
        if (refused != null) {
            return refused;
        }
        if (!ch.up()) {
            x.farEnds.inboundRinging(ch);
        }
        return AriResponse.NO_CONTENT;
    }

    AriResponse ringStop(String id) {
        AriResponse refused = findControlInState(x.channel(id));
        return refused != null ? refused : AriResponse.NO_CONTENT;
    }

    AriResponse progress(String id) {
        Channel ch = x.channel(id);
        AriResponse refused = findControlInState(ch);
        if (refused != null) {
            return refused;
        }
        if (!ch.up()) {
            x.farEnds.inboundProgress(ch);
        }
        return AriResponse.NO_CONTENT;
    }

    AriResponse hangup(String id, String reasonCode, String reason) {
        Channel ch = x.channel(id);
        if (ch == null) {
            return AriResponse.error(404, "Channel not found");
        }
        if (!blank(reason) && !blank(reasonCode)) {
            return AriResponse.error(400, "The reason and reason_code can't both be specified");
        }
        int cause = Causes.NORMAL_CLEARING;
        if (!blank(reasonCode)) {
            Integer code = leadingInt(reasonCode);
            if (code == null) {
                return AriResponse.error(400, "Invalid reason for hangup reason code provided");
            }
            cause = code;
        } else if (!blank(reason)) {
            cause = Causes.ofReason(reason);
            if (cause < 0) {
                return AriResponse.error(400, "Invalid reason for hangup reason provided");
            }
        }
        x.hangups.byAri(ch, cause);
        return AriResponse.NO_CONTENT;
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    AriResponse get(String id) {
        Channel ch = x.channel(id);
        return ch == null ? AriResponse.error(404, "Channel not found") : AriResponse.ok(json(ch));
    }

    AriResponse list() {
        StringBuilder sb = new StringBuilder(Math.max(16, x.channels.size() * 420)).append('[');
        boolean first = true;
        for (Channel ch : x.channels.values()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Events.channelJson(sb, ch);
        }
        return AriResponse.ok(sb.append(']').toString());
    }

    AriResponse getVariable(String id, String name) {
        if (blank(name)) {
            return AriResponse.error(400, "Variable name is required");
        }
        Channel ch = x.channel(id);
        if (ch == null) {
            return AriResponse.error(404, "Provided channel was not found");
        }
        String value;
        if (name.endsWith(")")) {
            value = function(ch, name);
            if (value == null) {
                return AriResponse.error(500, "Unable to read provided function");
            }
        } else {
            value = ch.var(name);
            if (value == null) {
                return AriResponse.error(404, "Provided variable was not found");
            }
        }
        StringBuilder sb = new StringBuilder();
        Json.object(sb).field("value", value).end();
        return AriResponse.ok(sb.toString());
    }

    AriResponse setVariable(String id, String name, String value) {
        if (blank(name)) {
            return AriResponse.error(400, "Variable name is required");
        }
        Channel ch = x.channel(id);
        AriResponse refused = findControl(ch);
        if (refused != null) {
            return refused;
        }
        String v = value == null ? "" : value;
        switch (name) {
            case "CALLERID(num)" -> ch.callerNumber = v;
            case "CALLERID(name)" -> ch.callerName = v;
            default -> {
                ch.setVar(name, v);
                x.events.varset(ch, name, v);
            }
        }
        return AriResponse.NO_CONTENT;
    }

    private static String function(Channel ch, String name) {
        return switch (name) {
            case "CHANNEL(name)" -> ch.name;
            case "CHANNEL(uniqueid)", "UNIQUEID()" -> ch.id;
            case "CHANNEL(state)" -> ch.state;
            case "CALLERID(num)" -> ch.callerNumber;
            case "CALLERID(name)" -> ch.callerName;
            case "CONNECTEDLINE(num)" -> ch.connectedNumber;
            case "CONNECTEDLINE(name)" -> ch.connectedName;
            case "HANGUPCAUSE()" -> Integer.toString(ch.hangupCause);
            default -> null;
        };
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    /** find_control: 404 for no channel, 409 for a channel outside Stasis. */
    private static AriResponse findControl(Channel ch) {
        if (ch == null || ch.hungUp) {
            return AriResponse.error(404, "Channel not found");
        }
        if (!ch.inStasis()) {
            return AriResponse.error(409, "Channel not in Stasis application");
        }
        return null;
    }

    /** find_control plus channel_state_invalid: an outbound channel not yet answered (Down, Ringing) is 412. */
    private static AriResponse findControlInState(Channel ch) {
        AriResponse refused = findControl(ch);
        if (refused != null) {
            return refused;
        }
        if (Channel.DOWN.equals(ch.state) || Channel.RINGING.equals(ch.state)) {
            return AriResponse.error(412, "Channel in invalid state");
        }
        return null;
    }

    private static String json(Channel ch) {
        StringBuilder sb = new StringBuilder(420);
        Events.channelJson(sb, ch);
        return sb.toString();
    }

    /** sscanf("%30d"): the leading integer, or null. */
    private static Integer leadingInt(String s) {
        String t = s.trim();
        int end = 0;
        if (end < t.length() && (t.charAt(end) == '-' || t.charAt(end) == '+')) {
            end++;
        }
        int digits = end;
        while (end < t.length() && Character.isDigit(t.charAt(end))) {
            end++;
        }
        if (end == digits || end - digits > 9) {
            return null;
        }
        return Integer.parseInt(t.substring(0, end));
    }

    static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
