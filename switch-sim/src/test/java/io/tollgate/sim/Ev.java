package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Predicate;

/** Tests for ARI events, by what identifies them. */
final class Ev {
    private Ev() {
    }

    /** The channel an event is about: {@code channel}, or {@code peer} for Dial; else its bridge; else null. */
    static String subject(JsonNode e) {
        if (e.has("channel")) {
            return e.path("channel").path("id").asText();
        }
        if (e.has("peer")) {
            return e.path("peer").path("id").asText();
        }
        if (e.has("bridge")) {
            return e.path("bridge").path("id").asText();
        }
        return null;
    }

    static String type(JsonNode e) {
        return e.path("type").asText();
    }

    static Predicate<JsonNode> is(String type, String subject) {
        return e -> type.equals(type(e)) && subject.equals(subject(e));
    }

    static Predicate<JsonNode> is(String type, String subject, String application) {
        return is(type, subject).and(e -> application.equals(e.path("application").asText()));
    }

    static Predicate<JsonNode> dial(String peer, String status) {
        return e -> "Dial".equals(type(e)) && peer.equals(subject(e)) && status.equals(e.path("dialstatus").asText());
    }

    static Predicate<JsonNode> state(String channel, String state) {
        return e -> "ChannelStateChange".equals(type(e)) && channel.equals(subject(e))
                && state.equals(e.path("channel").path("state").asText());
    }

    /** StasisStart in {@code app} of a channel whose dialplan extension is {@code exten} (a customer leg). */
    static Predicate<JsonNode> customerEntered(String app, String exten) {
        return e -> "StasisStart".equals(type(e)) && app.equals(e.path("application").asText())
                && exten.equals(e.path("channel").path("dialplan").path("exten").asText());
    }
}
