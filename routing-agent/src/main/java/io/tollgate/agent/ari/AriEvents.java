package io.tollgate.agent.ari;

import ch.loway.oss.ari4java.generated.models.Channel;
import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelHangupRequest;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.generated.models.ChannelUserevent;
import ch.loway.oss.ari4java.generated.models.Dial;
import ch.loway.oss.ari4java.generated.models.Event;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.generated.models.StasisEnd;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import ch.loway.oss.ari4java.tools.AriConnectionEvent;
import ch.loway.oss.ari4java.tools.AriWSCallback;
import ch.loway.oss.ari4java.tools.RestException;
import io.tollgate.agent.CallControl;
import io.tollgate.agent.ChannelIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the ARI event stream into what call control understands. Runs on ari4java's Netty threads, so it only
 * reads the event and hands over; call control moves the work onto the call's own thread.
 *
 * <p>A vendor leg's progress is reported twice over (its channel state, and Dial events for the dial we
 * started); call control takes the first. Its end is taken from ChannelDestroyed, which carries the cause: over
 * PJSIP a busy or congested vendor sends no final Dial status (shared/notes/asterisk.md). A customer leg came
 * from the dialplan and leaves the application (StasisEnd) before it is destroyed, so no ChannelDestroyed
 * reaches us: its end is the StasisEnd, its cause the ChannelHangupRequest before it.
 */
public final class AriEvents implements AriWSCallback<Message> {
    /** The event types {@link #route} acts on; the switch is asked to send no others ({@link EventFilter}). */
    public static final List<String> HANDLED = List.of("StasisStart", "StasisEnd", "ChannelStateChange", "Dial",
            "ChannelHangupRequest", "ChannelDestroyed", "ChannelUserevent");

    private static final Logger log = LoggerFactory.getLogger(AriEvents.class);

    private final CallControl control;
    private final ChannelIds ids;
    private final Consumer<AriConnectionEvent> connection;
    private final Consumer<String> userEvents;

    /** @param userEvents takes the name of every user event, in the stream's order ({@link OrphanSweeper}) */
    public AriEvents(CallControl control, ChannelIds ids, Consumer<AriConnectionEvent> connection,
                     Consumer<String> userEvents) {
        this.control = control;
        this.ids = ids;
        this.connection = connection;
        this.userEvents = userEvents;
    }

    @Override
    public void onSuccess(Message message) {
        try {
            route(message);
        } catch (RuntimeException e) {
            log.error("ARI event {} could not be handled", message.getType(), e);
        }
    }

    private void route(Message message) {
        if (message instanceof StasisStart start) {
            Channel channel = start.getChannel();
            if (ids.ours(channel.getId())) {
                control.legEntered(channel.getId());
            } else {
                control.customerEntered(channel.getId(), channel.getName(), callerNumber(channel),
                        start.getArgs() == null ? List.of() : start.getArgs(), ts(start));
            }
        } else if (message instanceof ChannelStateChange change) {
            Channel channel = change.getChannel();
            switch (channel.getState()) {
                case "Ringing" -> control.legRinging(channel.getId(), ts(change));
                case "Up" -> control.legAnswered(channel.getId(), ts(change));
                default -> {
                }
            }
        } else if (message instanceof Dial dial && dial.getPeer() != null && dial.getDialstatus() != null) {
            String leg = dial.getPeer().getId();
            switch (dial.getDialstatus()) {
                case "RINGING" -> control.legRinging(leg, ts(dial));
                case "PROGRESS" -> control.legProgress(leg, ts(dial));
                case "ANSWER" -> control.legAnswered(leg, ts(dial));
                default -> {
                }
            }
        } else if (message instanceof ChannelHangupRequest request && request.getCause() != null
                && !Boolean.TRUE.equals(request.getSoft())) {
            // a soft request's "cause" is Asterisk's soft-hangup flag (32 for an explicit one), not a Q.850 cause
            control.hangupRequested(request.getChannel().getId(), request.getCause());
        } else if (message instanceof StasisEnd end && !ids.ours(end.getChannel().getId())) {
            control.customerLeft(end.getChannel().getId(), ts(end));
        } else if (message instanceof ChannelDestroyed destroyed) {
            int cause = destroyed.getCause() == null ? 0 : destroyed.getCause();
            control.channelGone(destroyed.getChannel().getId(), cause, ts(destroyed));
        } else if (message instanceof ChannelUserevent user && user.getEventname() != null) {
            userEvents.accept(user.getEventname());
        }
    }

    @Override
    public void onFailure(RestException e) {
        log.warn("ARI event stream: {}", e.getMessage());
    }

    @Override
    public void onConnectionEvent(AriConnectionEvent event) {
        log.info("ARI event stream {}", event == AriConnectionEvent.WS_CONNECTED ? "connected" : "disconnected");
        connection.accept(event);
    }

    private static String callerNumber(Channel channel) {
        return channel.getCaller() == null ? null : channel.getCaller().getNumber();
    }

    private static Instant ts(Event event) {
        return event.getTimestamp() == null ? Instant.now() : event.getTimestamp().toInstant();
    }
}
