package io.tollgate.sim;

import java.util.List;

/**
 * A scripted interaction with a switch, run against the real Asterisk to record it and against the simulator to
 * compare. Steps wait for the events that make them meaningful, never for time, so both runs follow the same causal
 * order.
 *
 * @param customerCalls whether it needs Stasis app {@code tollgate} (customer legs arrive there)
 */
record Scenario(String name, String description, boolean customerCalls, Steps steps) {

    @FunctionalInterface
    interface Steps {
        void run(ScenarioRun run);
    }

    // ---- vendor legs, as the routing agent drives them (channels/create, bridge, dial) --------------------------

    /** A vendor leg on {@code endpoint}, bridged and dialled; waits for it to end by itself, then clears the bridge. */
    static Scenario vendorLeg(String name, String description, String endpoint) {
        return new Scenario(name, description, false, run -> {
            bridgeAndDial(run, endpoint, 30);
            run.await("ChannelDestroyed", "V1");
            destroyBridge(run);
        });
    }

    static void bridgeAndDial(ScenarioRun run, String endpoint, int timeout) {
        run.rest("POST bridges?type=mixing&bridgeId={B}&name={B}");
        run.rest("POST channels/create?endpoint=" + endpoint + "&app={APP}&channelId={V1}&formats=ulaw,alaw");
        run.await("StasisStart", "V1");
        run.rest("POST bridges/{B}/addChannel?channel={V1}");
        run.await("ChannelEnteredBridge", "V1");
        run.rest("POST channels/{V1}/dial?timeout=" + timeout);
    }

    static void destroyBridge(ScenarioRun run) {
        run.rest("DELETE bridges/{B}");
        run.await("BridgeDestroyed", "B");
    }

    // ---- customer calls, placed through the caller endpoint --------------------------------------------------

    /** Originates {@code PJSIP/<number>@caller} into this run's application and waits for the customer leg. */
    static void call(ScenarioRun run, String number, String callerId) {
        run.rest("POST channels?endpoint=PJSIP/" + number + "@caller&app={APP}&channelId={CL}&formats=ulaw,alaw"
                + (callerId == null ? "" : "&callerId=" + callerId));
        run.awaitCustomerLeg("CU", number);
    }

    /** What the routing agent does with a customer leg: bridge it, ring it, create a vendor leg, bridge and dial it. */
    static void routeToVendor(ScenarioRun run, String vendorEndpoint) {
        run.rest("POST bridges?type=mixing&bridgeId={B}&name={B}");
        run.rest("POST bridges/{B}/addChannel?channel={CU}");
        run.await("ChannelEnteredBridge", "CU");
        run.rest("POST channels/{CU}/ring");
        run.awaitDial("CL", "RINGING");
        run.rest("POST channels/create?endpoint=" + vendorEndpoint + "&app=" + ScenarioRun.CUSTOMER_APP
                        + "&channelId={V1}&formats=ulaw,alaw",
                "{\"variables\":{\"CALLERID(num)\":\"49301000000\"}}");
        run.await("StasisStart", "V1");
        run.rest("POST bridges/{B}/addChannel?channel={V1}");
        run.await("ChannelEnteredBridge", "V1");
        run.rest("POST channels/{V1}/dial?timeout=30");
    }

    static List<Scenario> all() {
        return List.of(
                // -- the vendor-sim prefixes, one leg each
                vendorLeg("vendor-280-answers-talks-hangs-up", "280SS: answers at once, hangs up after 2 s",
                        "PJSIP/28002111@vendor-a"),
                vendorLeg("vendor-281-busy", "281: busy, 17/486, no final Dial status", "PJSIP/2811234@vendor-a"),
                vendorLeg("vendor-282-congestion", "282: congestion, 34/503", "PJSIP/2821234@vendor-a"),
                vendorLeg("vendor-283-unallocated", "283: unallocated, 1/404", "PJSIP/2831234@vendor-a"),
                vendorLeg("vendor-284-rings-no-answer", "284SS: rings 2 s, then 19/480", "PJSIP/28402123@vendor-a"),
                vendorLeg("vendor-286-congested-on-its-vendor", "2861 on vendor-a: congested",
                        "PJSIP/28611234@vendor-a"),
                vendorLeg("vendor-287-congested-on-other-vendors", "2871 on vendor-b: congested",
                        "PJSIP/28711234@vendor-b"),
                new Scenario("vendor-285-slow-answer", "285SS: rings 2 s, answers; we hang up", false, run -> {
                    bridgeAndDial(run, "PJSIP/28502123@vendor-a", 30);
                    run.awaitDial("V1", "ANSWER");
                    run.rest("DELETE channels/{V1}?reason_code=16");
                    run.await("ChannelDestroyed", "V1");
                    destroyBridge(run);
                }),
                new Scenario("vendor-286-answers-on-other-vendors", "2861 on vendor-b answers; we hang up", false,
                        run -> {
                            bridgeAndDial(run, "PJSIP/28611234@vendor-b", 30);
                            run.awaitDial("V1", "ANSWER");
                            run.rest("DELETE channels/{V1}?reason_code=16");
                            run.await("ChannelDestroyed", "V1");
                            destroyBridge(run);
                        }),
                new Scenario("vendor-default-answers-we-hang-up", "a real number answers; we hang up with 16", false,
                        run -> {
                            bridgeAndDial(run, "PJSIP/4420712345@vendor-c", 30);
                            run.awaitDial("V1", "ANSWER");
                            run.rest("DELETE channels/{V1}?reason_code=16");
                            run.await("ChannelDestroyed", "V1");
                            destroyBridge(run);
                        }),
                new Scenario("vendor-hung-up-while-ringing", "we cancel a ringing vendor leg", false, run -> {
                    bridgeAndDial(run, "PJSIP/28410123@vendor-b", 30);
                    run.awaitDial("V1", "RINGING");
                    run.rest("DELETE channels/{V1}");
                    run.await("ChannelDestroyed", "V1");
                    destroyBridge(run);
                }),
                new Scenario("vendor-dial-timeout", "the dial timeout (2 s) ends a ringing leg: 19/480", false, run -> {
                    bridgeAndDial(run, "PJSIP/28410124@vendor-c", 2);
                    run.await("ChannelDestroyed", "V1");
                    destroyBridge(run);
                }),
                new Scenario("vendor-bridge-destroyed-under-answered-leg",
                        "the bridge goes first; the answered leg is then hung up as busy", false, run -> {
                    bridgeAndDial(run, "PJSIP/4420712346@vendor-c", 30);
                    run.awaitDial("V1", "ANSWER");
                    run.rest("DELETE bridges/{B}");
                    // the application leaves a bridge its channel was taken out of: no BridgeDestroyed for it
                    run.await("ChannelLeftBridge", "V1");
                    run.rest("DELETE channels/{V1}?reason=busy");
                    run.await("ChannelDestroyed", "V1");
                }),
                new Scenario("vendor-leg-never-dialled", "created, then hung up with 21 before any dial", false, run -> {
                    run.rest("POST channels/create?endpoint=PJSIP/4420712347@vendor-a&app={APP}&channelId={V1}"
                            + "&formats=ulaw,alaw");
                    run.await("StasisStart", "V1");
                    run.rest("DELETE channels/{V1}?reason_code=21");
                    run.await("ChannelDestroyed", "V1");
                }),
                new Scenario("channel-variables", "reading and setting variables of a leg in Stasis", false, run -> {
                    run.rest("POST channels/create?endpoint=PJSIP/4420712348@vendor-a&app={APP}&channelId={V1}"
                            + "&formats=ulaw,alaw");
                    run.await("StasisStart", "V1");
                    run.rest("POST channels/{V1}/variable?variable=FOO&value=bar");
                    run.await("FOO set", e -> "ChannelVarset".equals(Ev.type(e)) && "FOO".equals(e.path("variable").asText()));
                    run.rest("DELETE channels/{V1}");
                    run.await("ChannelDestroyed", "V1");
                }),
                // -- customer calls through the caller endpoint, the customer leg in tollgate
                new Scenario("customer-answered-caller-hangs-up", "ring, answer, then the caller hangs up", true,
                        run -> {
                            call(run, "4420712001", null);
                            run.rest("POST channels/{CU}/ring");
                            run.awaitDial("CL", "RINGING");
                            run.rest("POST channels/{CU}/answer");
                            run.await("StasisStart", "CL");
                            run.rest("DELETE channels/{CL}");
                            run.await("ChannelDestroyed", "CL");
                            run.await("StasisEnd", "CU");
                        }),
                new Scenario("customer-refused-busy", "the customer leg is refused with 17: the caller gets 17/486",
                        true, run -> {
                    call(run, "4420712002", null);
                    run.rest("DELETE channels/{CU}?reason_code=17");
                    run.await("ChannelDestroyed", "CL");
                    run.await("StasisEnd", "CU");
                }),
                new Scenario("customer-caller-cancels-while-ringing", "the caller gives up while ringing (CANCEL)", true,
                        run -> {
                            call(run, "4420712003", null);
                            run.rest("POST channels/{CU}/ring");
                            run.awaitDial("CL", "RINGING");
                            run.rest("DELETE channels/{CL}");
                            run.await("ChannelDestroyed", "CL");
                            run.await("StasisEnd", "CU");
                        }),
                new Scenario("customer-answered-then-hung-up", "answered, then hung up by its application (BYE)", true,
                        run -> {
                            call(run, "4420712004", "49301000000");
                            run.rest("POST channels/{CU}/answer");
                            run.await("StasisStart", "CL");
                            run.rest("DELETE channels/{CU}?reason_code=16");
                            run.await("ChannelDestroyed", "CL");
                            run.await("StasisEnd", "CU");
                        }),
                new Scenario("customer-refused-normal-clearing", "refused with 16: the caller gets 21/603", true, run -> {
                    call(run, "4420712005", null);
                    run.rest("DELETE channels/{CU}");
                    run.await("ChannelDestroyed", "CL");
                    run.await("StasisEnd", "CU");
                }),
                new Scenario("customer-refused-no-route", "refused with 3: the caller gets 1/404", true, run -> {
                    call(run, "4420712006", null);
                    run.rest("DELETE channels/{CU}?reason_code=3");
                    run.await("ChannelDestroyed", "CL");
                    run.await("StasisEnd", "CU");
                }),
                new Scenario("customer-local-channel", "Local/<n>@from-customer: ;2 enters tollgate, ;1 this app", true,
                        run -> {
                            run.rest("POST channels?endpoint=Local/4420712008@from-customer&app={APP}&formats=ulaw,alaw"
                                    + "&channelId={L1}&otherChannelId={L2}");
                            run.await("StasisStart", "L2", ScenarioRun.CUSTOMER_APP);
                            run.rest("POST channels/{L2}/ring");
                            run.awaitDial("L1", "RINGING");
                            run.rest("POST channels/{L2}/answer");
                            run.await("StasisStart", "L1");
                            run.rest("DELETE channels/{L1}");
                            run.await("ChannelDestroyed", "L1");
                            run.await("ChannelDestroyed", "L2");
                            run.await("StasisEnd", "L2", ScenarioRun.CUSTOMER_APP);
                        }),
                // -- the routing agent's whole flow, as AriSwitch sends it
                new Scenario("agent-vendor-answers-and-hangs-up",
                        "customer bridged with a vendor that answers (the customer is answered with it), talks 2 s",
                        true, run -> {
                    call(run, "4420712100", "49301000000");
                    routeToVendor(run, "PJSIP/28002100@vendor-a");
                    run.awaitDial("V1", "ANSWER");
                    run.await("StasisStart", "CL");
                    run.rest("POST channels/{CU}/answer");
                    run.await("ChannelDestroyed", "V1");
                    run.rest("DELETE channels/{CU}?reason_code=16");
                    run.await("ChannelDestroyed", "CL");
                    run.await("StasisEnd", "CU");
                    destroyBridge(run);
                }),
                new Scenario("agent-vendor-busy", "the vendor is busy; the customer is refused with 17", true, run -> {
                    call(run, "4420712101", "49301000000");
                    routeToVendor(run, "PJSIP/2811234@vendor-a");
                    run.await("ChannelDestroyed", "V1");
                    run.rest("DELETE channels/{CU}?reason_code=17");
                    run.await("ChannelDestroyed", "CL");
                    run.await("StasisEnd", "CU");
                    destroyBridge(run);
                }),
                new Scenario("agent-caller-cancels-while-vendor-rings",
                        "the vendor rings (the caller hears it), the caller gives up, the vendor leg is hung up", true,
                        run -> {
                            call(run, "4420712102", "49301000000");
                            routeToVendor(run, "PJSIP/28410123@vendor-a");
                            run.awaitDial("V1", "RINGING");
                            run.rest("DELETE channels/{CL}");
                            run.await("StasisEnd", "CU");
                            run.rest("DELETE channels/{V1}?reason_code=16");
                            run.await("ChannelDestroyed", "V1");
                            destroyBridge(run);
                        }));
    }
}
