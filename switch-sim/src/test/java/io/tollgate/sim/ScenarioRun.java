package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a {@link Scenario} against a switch (the simulator or a real Asterisk): its own application name, the
 * ids it chose, the events it received, and what the run looks like once ids are replaced by the roles they play
 * ({@code V1} for the first vendor leg, {@code CU} for the customer leg), so that two runs can be compared.
 */
final class ScenarioRun implements AutoCloseable {
    /** The application customer calls enter (the dialplan's {@code Stasis(tollgate,...)}). */
    static final String CUSTOMER_APP = "tollgate";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z][A-Z0-9]*)}");

    final AriTestClient ari;
    final String app;
    final boolean customerCalls;
    final EventLog log;
    private final Map<String, String> roleOfId = new LinkedHashMap<>();
    private final Map<String, String> idOfRole = new LinkedHashMap<>();

    /**
     * @param customerCalls whether the run also holds {@link #CUSTOMER_APP} (customer legs arrive there); only one
     *                      client may hold it, so on a shared Asterisk this needs it free
     */
    ScenarioRun(AriTestClient ari, boolean customerCalls) {
        this.ari = ari;
        this.app = "simrec-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        this.customerCalls = customerCalls;
        this.log = ari.events(customerCalls ? app + "," + CUSTOMER_APP : app);
        roleOfId.put(app, "APP");
    }

    /** The id this run uses for {@code role} ({@code V1}, {@code B}, {@code CL}...), made up on first use. */
    String id(String role) {
        return idOfRole.computeIfAbsent(role, r -> {
            String id = app + "-" + r.toLowerCase();
            roleOfId.put(id, r);
            return id;
        });
    }

    /** Records that the switch chose {@code id} for {@code role} (a customer leg's id is Asterisk's). */
    void learn(String role, String id) {
        idOfRole.put(role, id);
        roleOfId.put(id, role);
    }

    /** Replaces {@code {ROLE}} by the role's id and {@code {APP}} by the application. */
    String fill(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String role = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(role.equals("APP") ? app : id(role)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code "POST bridges/{B}/addChannel?channel={V1}"}: sends it, insisting on success. */
    AriTestClient.Reply rest(String request) {
        return rest(request, null);
    }

    AriTestClient.Reply rest(String request, String jsonBody) {
        String[] parts = fill(request).split(" ", 2);
        return ari.ok(parts[0], parts[1], jsonBody);
    }

    /** Sends it, whatever the answer. */
    AriTestClient.Reply send(String request) {
        String[] parts = fill(request).split(" ", 2);
        return ari.send(parts[0], parts[1]);
    }

    JsonNode await(String type, String role) {
        return log.await(type + " of " + role, Ev.is(type, id(role)));
    }

    JsonNode await(String type, String role, String application) {
        String appName = application.equals("APP") ? app : application;
        return log.await(type + " of " + role + " in " + appName, Ev.is(type, id(role), appName));
    }

    JsonNode awaitDial(String role, String status) {
        return log.await("Dial " + status + " of " + role, Ev.dial(id(role), status));
    }

    JsonNode await(String what, Predicate<JsonNode> wanted) {
        return log.await(what, wanted);
    }

    /** Waits for the customer leg of a call to {@code exten} to enter {@link #CUSTOMER_APP}; it plays {@code role}. */
    String awaitCustomerLeg(String role, String exten) {
        JsonNode start = log.await("a customer leg for " + exten, Ev.customerEntered(CUSTOMER_APP, exten));
        String id = start.path("channel").path("id").asText();
        learn(role, id);
        return id;
    }

    /**
     * Ends the run: a user event sent to each application marks the end of its stream (Asterisk delivers an
     * application's events in order), so nothing the scenario caused is still on its way.
     */
    List<JsonNode> finish() {
        List<String> apps = customerCalls ? List.of(app, CUSTOMER_APP) : List.of(app);
        for (String a : apps) {
            ari.ok("POST", "events/user/simrec-end?application=" + a);
        }
        for (String a : apps) {
            log.await("the end marker of " + a, e -> "ChannelUserevent".equals(Ev.type(e))
                    && a.equals(e.path("application").asText()) && "simrec-end".equals(e.path("eventname").asText()));
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : log.events()) {
            if (!"ChannelUserevent".equals(Ev.type(e)) || !"simrec-end".equals(e.path("eventname").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The run's events with ids replaced by roles, times and random parts blanked ({@link Fixture#normalise}). */
    List<JsonNode> normalised(List<JsonNode> events) {
        return Fixture.normalise(events, roleOfId);
    }

    @Override
    public void close() {
        log.close();
    }
}
