package io.tollgate.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * One channel of the simulated switch. Kept small (a few hundred bytes with its strings): a load test holds tens of
 * thousands at once. Only the exchange's own thread changes it; REST reads that render it run there too.
 */
final class Channel {
    /** What answers when the channel is dialled, and so how the channel behaves. */
    enum Kind {
        /** Outbound to a vendor trunk: the far end follows the trunk's {@link VendorBehaviour}. */
        TRUNK,
        /** Outbound to a test caller's endpoint: the far end is a customer leg entering the customer context. */
        CALLER,
        /** Inbound from a customer endpoint (the far end of a caller leg). */
        CUSTOMER,
        /** A half of a Local channel pair. */
        LOCAL
    }

    static final String DOWN = "Down";
    static final String RING = "Ring";
    static final String RINGING = "Ringing";
    static final String UP = "Up";

    final String id;
    final String name;
    final Kind kind;
    /** Technology/resource of the endpoint, as endpoint subscriptions name it ({@code PJSIP/vendor-a}). */
    final String endpoint;
    final long created;
    String protocolId;

    String state;
    String callerName = "";
    String callerNumber = "";
    String connectedName = "";
    String connectedNumber = "";
    String context;
    String exten;
    int priority = 1;
    String appName = "";
    String appData = "";

    /** The Stasis application the channel is in, null when it is not in one. */
    StasisApp stasis;
    /** The dialplan application shown before Stasis started, shown again once it ends. */
    String appNameBefore = "";
    String appDataBefore = "";
    /** The application that created or originated the channel: it keeps getting the channel's events until it is destroyed. */
    StasisApp owner;
    /** Applications subscribed through {@code applications/{app}/subscription}. */
    List<StasisApp> subscribers;

    Bridge bridge;
    /** The other side of a SIP call (caller leg and customer leg) or the other half of a Local pair. */
    Channel peer;
    /** The channel entered Stasis from the dialplan (a customer leg, a Local ;2 half), not through ARI. */
    boolean dialplanChannel;
    /** Local pairs: true for the ;1 half. */
    boolean localOne;

    /** What the channel dials ({@code 28001234@vendor-a}): set for channels made by ARI, which only those may be dialled. */
    String dialstring;
    /** Originated channels keep their dial string in every Dial event; channels/create ones show it only in the first. */
    boolean originated;
    /** The app an originated channel enters when answered (with these args); null for a context, which just waits. */
    StasisApp originateApp;
    List<String> originateArgs;

    /** The channel named as {@code caller} when this one was dialled: Dial events show it. */
    Channel dialCaller;
    /** The call went out (INVITE sent): dialled or originated. */
    boolean dialled;
    /** The endpoint a PJSIP leg dialled (a vendor trunk, or a caller endpoint), and the number it dialled there. */
    String trunk;
    String number;
    /** When a trunk leg's far end answered (its ChannelStateChange Up), epoch ms; 0: not answered, or not recorded. */
    long answeredAt;
    /** Media flowed (the channel was answered): its hangup reports RTP statistics. */
    boolean media;
    boolean hungUp;
    int hangupCause;
    /** The SIP status of the channel's end, 0 when it has none. */
    int techCause;

    /** The far end's next step, or a dial timeout. */
    ScheduledFuture<?> farEndStep;
    ScheduledFuture<?> dialTimeout;

    Map<String, String> vars;

    Channel(String id, String name, Kind kind, String endpoint, long created, String protocolId, String state) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.endpoint = endpoint;
        this.created = created;
        this.protocolId = protocolId;
        this.state = state;
    }

    boolean isPjsip() {
        return kind != Kind.LOCAL;
    }

    boolean up() {
        return UP.equals(state);
    }

    boolean inStasis() {
        return stasis != null;
    }

    void setVar(String name, String value) {
        if (vars == null) {
            vars = new HashMap<>(4);
        }
        vars.put(name, value);
    }

    String var(String name) {
        return vars == null ? null : vars.get(name);
    }

    void subscribe(StasisApp app) {
        if (subscribers == null) {
            subscribers = new ArrayList<>(1);
        }
        if (!subscribers.contains(app)) {
            subscribers.add(app);
        }
    }

    boolean unsubscribe(StasisApp app) {
        boolean was = subscribers != null && subscribers.remove(app);
        if (owner == app) {
            owner = null;
            was = true;
        }
        return was;
    }

    /** Whether {@code app} gets this channel's events (through Stasis, ownership or a subscription). */
    boolean watchedBy(StasisApp app) {
        return stasis == app || owner == app || (subscribers != null && subscribers.contains(app));
    }

    void cancelTimers() {
        if (farEndStep != null) {
            farEndStep.cancel(false);
            farEndStep = null;
        }
        if (dialTimeout != null) {
            dialTimeout.cancel(false);
            dialTimeout = null;
        }
    }

    @Override
    public String toString() {
        return id + " (" + name + ", " + state + ")";
    }
}
