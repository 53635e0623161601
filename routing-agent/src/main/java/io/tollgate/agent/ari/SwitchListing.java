package io.tollgate.agent.ari;

import ch.loway.oss.ari4java.tools.RestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The switch's channels and bridges as the sweeper needs them: ids, a channel's name and the dialplan application
 * it sits in. Under load the switch has tens of thousands of each, and binding them to ari4java's models (caller,
 * connected, dates, a polymorphic mapper) took 11 % of the agent's CPU at 200 calls/s with a sweep every 30 s; this
 * reads the same {@code GET /channels} and {@code GET /bridges} answers field by field, as they arrive
 * ({@link AriHttp#get}), and skips the rest.
 */
final class SwitchListing {
    private static final JsonFactory JSON = new JsonFactory();

    /** One listed channel; {@code appName} and {@code appData} are null when the channel has no dialplan. */
    record Channel(String id, String name, String appName, String appData) {
    }

    @FunctionalInterface
    private interface Element<T> {
        T read(JsonParser in) throws IOException;
    }

    private SwitchListing() {
    }

    static List<Channel> channels(AriHttp http) throws RestException {
        return http.get("/channels", body -> list(body, SwitchListing::channel));
    }

    static List<String> bridgeIds(AriHttp http) throws RestException {
        return http.get("/bridges", body -> list(body, SwitchListing::bridgeId));
    }

    static List<Channel> channels(InputStream json) throws IOException {
        return list(json, SwitchListing::channel);
    }

    static List<String> bridgeIds(InputStream json) throws IOException {
        return list(json, SwitchListing::bridgeId);
    }

    private static <T> List<T> list(InputStream json, Element<T> element) throws IOException {
        List<T> listed = new ArrayList<>();
        try (JsonParser in = JSON.createParser(json)) {
            if (in.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("expected an array, got " + in.currentToken());
            }
            while (in.nextToken() == JsonToken.START_OBJECT) {
                listed.add(element.read(in));
            }
        }
        return listed;
    }

    private static String bridgeId(JsonParser in) throws IOException {
        String id = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            if (field.equals("id")) {
                id = in.getValueAsString();
            } else {
                in.skipChildren();
            }
        }
        return required(id, "bridge");
    }

    private static Channel channel(JsonParser in) throws IOException {
        String id = null;
        String name = null;
        String[] dialplan = {null, null};
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            switch (field) {
                case "id" -> id = in.getValueAsString();
                case "name" -> name = in.getValueAsString();
                case "dialplan" -> dialplan = dialplan(in, value);
                default -> in.skipChildren();
            }
        }
        return new Channel(required(id, "channel"), name, dialplan[0], dialplan[1]);
    }

    private static String[] dialplan(JsonParser in, JsonToken value) throws IOException {
        String[] app = {null, null};
        if (value != JsonToken.START_OBJECT) {
            in.skipChildren();
            return app;
        }
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            switch (field) {
                case "app_name" -> app[0] = in.getValueAsString();
                case "app_data" -> app[1] = in.getValueAsString();
                default -> in.skipChildren();
            }
        }
        return app;
    }

    private static String required(String id, String what) throws IOException {
        if (id == null) {
            throw new IOException("a listed " + what + " has no id");
        }
        return id;
    }
}
