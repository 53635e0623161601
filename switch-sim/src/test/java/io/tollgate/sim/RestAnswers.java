package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * ARI's answers to requests that go wrong (and a few that do not), recorded from Asterisk as status and body, to
 * hold the simulator to the same: 400 for a missing or bad parameter, 404 for an unknown channel or bridge, 409 for
 * a taken id or a channel outside Stasis, 412 for a channel in the wrong state, 422 for a channel not in Stasis or
 * not in the bridge, 500 "Allocation failed" for an endpoint nobody can call.
 *
 * <p>Order matters in one place: Asterisk answers a failed channel request with a stale thread-local error, so an
 * unknown endpoint asked for right after a taken id gets 409 instead of 500; the list avoids that.
 *
 * <p>It sets up a vendor leg {@code V1} (in Stasis, not dialled), a bridge {@code B}, and a Local pair {@code X1/X2}
 * whose ;2 half waits in [caller-wait], outside Stasis; {@code NOPE} is an id nothing has.
 */
final class RestAnswers {
    static final String NAME = "rest-answers";

    static final List<String> REQUESTS = List.of(
            "POST channels/create",
            "POST channels/create?app={APP}",
            "POST channels/create?endpoint=PJSIP&app={APP}",
            "POST channels/create?endpoint=PJSIP/1@nosuch&app={APP}",
            "POST channels/create?endpoint=PJSIP/1@customer&app={APP}",
            "POST channels/create?endpoint=Foo/1&app={APP}",
            "POST channels?endpoint=PJSIP/1@nosuch&app={APP}",
            "POST channels/create?endpoint=PJSIP/1@vendor-a&app={APP}&formats=bogus",
            "POST channels/create?endpoint=PJSIP/1@vendor-a&app={APP}&channelId={V1}",
            "POST channels",
            "POST channels?endpoint=PJSIP/1@vendor-a",
            "POST channels?endpoint=PJSIP/1@vendor-a&app={APP}&channelId={V1}",
            "POST channels/{NOPE}/dial",
            "POST channels/{NOPE}/answer",
            "POST channels/{NOPE}/ring",
            "DELETE channels/{NOPE}/ring",
            "POST channels/{NOPE}/progress",
            "DELETE channels/{NOPE}",
            "GET channels/{NOPE}",
            "POST channels/{V1}/answer",
            "POST channels/{V1}/ring",
            "DELETE channels/{V1}/ring",
            "POST channels/{V1}/progress",
            "POST channels/{X2}/dial",
            "POST channels/{X2}/answer",
            "GET channels/{NOPE}/variable?variable=X",
            "GET channels/{V1}/variable",
            "GET channels/{V1}/variable?variable=NOPE",
            "GET channels/{V1}/variable?variable=CHANNEL(name)",
            "POST channels/{NOPE}/variable?variable=X",
            "POST channels/{X2}/variable?variable=X&value=1",
            "DELETE channels/{V1}?reason=normal&reason_code=16",
            "DELETE channels/{V1}?reason_code=abc",
            "DELETE channels/{V1}?reason=nonsense",
            "POST bridges?bridgeId={B}",
            "POST bridges/{B}",
            "POST bridges?type=bogus",
            "POST bridges/{NOPE}/addChannel?channel={V1}",
            "POST bridges/{B}/addChannel?channel={NOPE}",
            "POST bridges/{B}/addChannel",
            "POST bridges/{B}/addChannel?channel={X2}",
            "POST bridges/{B}/removeChannel?channel={V1}",
            "POST bridges/{NOPE}/removeChannel?channel={V1}",
            "GET bridges/{NOPE}",
            "DELETE bridges/{NOPE}",
            "GET applications/{NOPE}",
            "POST applications/{NOPE}/subscription?eventSource=channel:{V1}",
            "POST applications/{APP}/subscription",
            "POST applications/{APP}/subscription?eventSource=channel:{NOPE}",
            "POST applications/{APP}/subscription?eventSource=bogus:x",
            "DELETE applications/{APP}/subscription?eventSource=bridge:{B}",
            "GET endpoints/PJSIP/nosuch",
            "POST events/user/x",
            "POST events/user/x?application={NOPE}",
            "GET asterisk/nosuch",
            "PUT channels",
            "GET nosuch");

    private RestAnswers() {
    }

    /** Sets up, sends every request, cleans up; returns {request, status, body} with ids replaced by roles. */
    static List<JsonNode> run(AriTestClient client) {
        try (ScenarioRun run = new ScenarioRun(client, false)) {
            run.rest("POST channels/create?endpoint=PJSIP/4420712400@vendor-a&app={APP}&channelId={V1}&formats=ulaw,alaw");
            run.await("StasisStart", "V1");
            run.rest("POST bridges?type=mixing&bridgeId={B}");
            run.rest("POST channels?endpoint=Local/s@caller-wait&context=caller-wait&extension=s&formats=ulaw,alaw"
                    + "&channelId={X1}&otherChannelId={X2}");
            run.id("NOPE");
            List<JsonNode> answers = new ArrayList<>();
            for (String request : REQUESTS) {
                AriTestClient.Reply reply = run.send(request);
                ObjectNode answer = AriTestClient.JSON.createObjectNode();
                answer.put("request", request);
                answer.put("status", reply.status());
                answer.put("body", reply.body());
                answers.add(answer);
            }
            run.send("DELETE channels/{X1}");
            run.send("DELETE channels/{V1}");
            run.send("DELETE bridges/{B}");
            run.await("ChannelDestroyed", "V1");
            List<JsonNode> normalised = new ArrayList<>();
            for (JsonNode a : answers) {
                // bodies are normalised as text: ids inside them become roles, channel name counters XXXXXXXX
                ObjectNode copy = a.deepCopy();
                String body = a.path("body").asText();
                copy.put("body", normaliseText(run, body));
                normalised.add(copy);
            }
            return normalised;
        }
    }

    private static String normaliseText(ScenarioRun run, String body) {
        String out = body;
        for (String role : List.of("V1", "X1", "X2", "B", "NOPE")) {
            out = out.replace(run.id(role), role);
        }
        return out.replace(run.app, "APP").replaceAll("(PJSIP/[^\"]+)-[0-9a-f]{8}\"", "$1-XXXXXXXX\"");
    }
}
