package io.tollgate.ingest.cdr;

import io.tollgate.ingest.testing.AriSession;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static io.tollgate.ingest.testing.AriSession.about;

/**
 * Places real calls on the local stack's Asterisk through ARI, as a routing agent would: a customer call enters
 * Stasis, is answered, a vendor leg is dialled on trunk vendor-a and bridged to it; the simulated vendor talks and
 * hangs up, and we hang up the customer. Asterisk's cdr_csv writes the legs to Master.csv. Every channel and bridge
 * made here is released, whatever happens.
 */
final class AsteriskCalls implements AutoCloseable {
    private final AriSession ari = new AriSession();

    AsteriskCalls() throws Exception {
    }

    /** A customer call to {@code number} carried by vendor-a; returns the customer channel's id once it ended. */
    String call(String number) throws Exception {
        String customer = null;
        String vendor = null;
        String bridge = null;
        try {
            String endpoint = URLEncoder.encode("Local/" + number + "@from-customer", StandardCharsets.UTF_8);
            ari.post("channels?endpoint=" + endpoint + "&context=caller-wait&extension=s&priority=1&formats=ulaw,alaw");
            customer = ari.next(e -> "StasisStart".equals(e.path("type").asText())
                    && number.equals(e.path("args").path(0).asText())).path("channel").path("id").asText();
            ari.post("channels/" + customer + "/answer");
            String dial = URLEncoder.encode("PJSIP/" + number + "@vendor-a", StandardCharsets.UTF_8);
            vendor = ari.post("channels?endpoint=" + dial + "&app=" + AriSession.APP + "&appArgs=vendor-leg-" + number
                    + "&formats=ulaw,alaw").path("id").asText();
            ari.next(about("StasisStart", vendor));
            bridge = ari.post("bridges?type=mixing").path("id").asText();
            ari.post("bridges/" + bridge + "/addChannel?channel=" + customer + "," + vendor);
            ari.next(about("StasisEnd", vendor));
            return customer;
        } finally {
            if (customer != null) {
                ari.delete("channels/" + customer);
            }
            if (vendor != null) {
                ari.delete("channels/" + vendor);
            }
            if (bridge != null) {
                ari.delete("bridges/" + bridge);
            }
        }
    }

    @Override
    public void close() {
        ari.close();
    }
}
