package io.tollgate.agent.ari;

import io.tollgate.sim.SwitchSim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** An event socket that holds a Stasis application on the simulator (an application exists while one does). */
final class SimApplication {
    private SimApplication() {
    }

    static WebSocket hold(SwitchSim sim, String app) throws Exception {
        String auth = Base64.getEncoder().encodeToString("tollgate:tollgate".getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Basic " + auth)
                .buildAsync(URI.create("ws://127.0.0.1:" + sim.port() + "/ari/events?app=" + app),
                        new WebSocket.Listener() {
                        }).get(10, TimeUnit.SECONDS);
    }
}
