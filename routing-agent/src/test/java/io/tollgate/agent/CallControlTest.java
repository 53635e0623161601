package io.tollgate.agent;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.Limit;
import io.tollgate.core.instructions.Party;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tollgate.core.cdr.CallEvent.Type.ANSWER;
import static io.tollgate.core.cdr.CallEvent.Type.ATTEMPT;
import static io.tollgate.core.cdr.CallEvent.Type.END;
import static io.tollgate.core.cdr.CallEvent.Type.HANGUP;
import static io.tollgate.core.cdr.CallEvent.Type.RINGING;
import static io.tollgate.core.cdr.CallEvent.Type.SETUP;
import static org.assertj.core.api.Assertions.assertThat;

class CallControlTest {
    private Rig rig = new Rig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void anAnsweredCallBridgesTheCheapestVendorAndClearsEverythingWhenTheVendorHangsUp() {
        String call = rig.dial("+2800510");
        String leg = rig.leg(call, 1);

        assertThat(rig.sw.operations).containsExactly(
                "createBridge " + rig.ids.bridge(call),
                "addToBridge " + rig.ids.bridge(call) + " " + call,
                "ring " + call,
                "createChannel " + leg + " PJSIP/2800510@vendor-c",
                "addToBridge " + rig.ids.bridge(call) + " " + leg,
                "dial " + leg);

        rig.control.legRinging(leg, Instant.now());
        rig.control.legAnswered(leg, Instant.now());
        assertThat(rig.sw.operations).contains("answer " + call);

        rig.gone(leg, 16);
        assertThat(rig.sw.operations).contains("hangup " + call + " 16");
        rig.gone(call, 16);

        assertThat(rig.types(call)).containsExactly(SETUP, ATTEMPT, RINGING, ANSWER, HANGUP, HANGUP, END);
        assertThat(rig.sink.of(call)).extracting(CallEvent::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(rig.sink.of(call).get(1).vendor()).isEqualTo("vendor-c");
        assertThat(rig.sink.of(call).get(0)).satisfies(setup -> {
            assertThat(setup.customer()).isEqualTo("acme");
            assertThat(setup.bNumber()).isEqualTo("2800510");
            assertThat(setup.aNumber()).isEqualTo("4930123456");
        });
        assertThat(rig.last(call).cause()).isEqualTo(16);
        assertNothingLeft();
    }

    @Test
    void aBusyVendorEndsTheCallWithBusyAndNoOtherVendorIsTried() {
        String call = rig.dial("2810001");

        rig.gone(rig.leg(call, 1), 17);
        rig.gone(call, 17);

        assertThat(rig.sw.operations("createChannel")).hasSize(1);
        assertThat(rig.sw.operations).contains("hangup " + call + " 17");
        assertThat(rig.types(call)).containsExactly(SETUP, ATTEMPT, HANGUP, HANGUP, END);
        assertThat(rig.last(call).cause()).isEqualTo(17);
        assertNothingLeft();
    }

    @Test
    void congestionMovesOnToTheNextVendorInRateOrder() {
        String call = rig.dial("2861000");

        rig.gone(rig.leg(call, 1), 34);
        String second = rig.leg(call, 2);
        rig.control.legAnswered(second, Instant.now());
        rig.gone(call, 16);
        rig.gone(second, 16);

        assertThat(rig.sw.operations("createChannel")).containsExactly(
                "createChannel " + rig.leg(call, 1) + " PJSIP/2861000@vendor-c",
                "createChannel " + second + " PJSIP/2861000@vendor-a");
        assertThat(rig.sink.of(call)).filteredOn(e -> e.type() == ATTEMPT).extracting(CallEvent::vendor)
                .containsExactly("vendor-c", "vendor-a");
        assertThat(rig.types(call)).containsExactly(SETUP, ATTEMPT, HANGUP, ATTEMPT, ANSWER, HANGUP, HANGUP, END);
        assertNothingLeft();
    }

    @Test
    void whenEveryVendorFailsTheCustomerHearsTheLastVendorsCause() {
        String call = rig.dial("2820000");

        rig.gone(rig.leg(call, 1), 34);
        rig.gone(rig.leg(call, 2), 38);
        rig.gone(rig.leg(call, 3), 42);
        rig.gone(call, 42);

        assertThat(rig.sw.operations("createChannel")).hasSize(3);
        assertThat(rig.sw.operations).contains("hangup " + call + " 42");
        assertThat(rig.last(call).cause()).isEqualTo(42);
        assertNothingLeft();
    }

    @Test
    void aCustomerWhoHangsUpWhileRingingTakesTheVendorLegWithIt() {
        String call = rig.dial("2840500");
        String leg = rig.leg(call, 1);
        rig.control.legRinging(leg, Instant.now());

        rig.gone(call, 16);
        assertThat(rig.sw.operations).contains("hangup " + leg + " 16");
        assertThat(rig.types(call)).doesNotContain(END);
        rig.gone(leg, 16);

        assertThat(rig.types(call)).containsExactly(SETUP, ATTEMPT, RINGING, HANGUP, HANGUP, END);
        assertThat(rig.sw.operations("createChannel")).hasSize(1);
        assertNothingLeft();
    }

    @Test
    void aRepeatedDestroyedReportChangesNothing() {
        String call = rig.dial("2800510");
        String leg = rig.leg(call, 1);
        rig.control.legAnswered(leg, Instant.now());

        rig.gone(leg, 16);
        rig.gone(leg, 16);
        rig.gone(call, 16);
        rig.gone(call, 16);

        assertThat(rig.types(call)).containsExactly(SETUP, ATTEMPT, ANSWER, HANGUP, HANGUP, END);
        assertThat(rig.sw.operations("destroyBridge")).hasSize(1);
    }

    @Test
    void theLongestCallTheCreditAllowsIsCutWithBothLegs() throws Exception {
        rig.close();
        // 0.02 a minute and 0.0005 of credit buy 1.5 seconds, cut to 1
        rig = new Rig(new CustomerLimits(10, 100, new BigDecimal("0.0005")), Duration.ofHours(1), 5);
        String call = rig.dial("2800599");
        String leg = rig.leg(call, 1);
        rig.control.legAnswered(leg, Instant.now());

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!rig.sw.operations.contains("hangup " + call + " 16") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(rig.sw.operations).doesNotContain("hangup " + leg + " 16");
        rig.gone(call, 16);
        assertThat(rig.sw.operations).contains("hangup " + leg + " 16");
    }

    @Test
    void callsBeyondTheConcurrentLimitAreRefusedWithNoCircuitUntilOneEnds() {
        rig.close();
        rig = new Rig(new CustomerLimits(1, 100, new BigDecimal("10")), Duration.ofHours(1), 5);
        String first = rig.dial("2800510");
        String second = rig.dial("2800510");

        assertThat(rig.sw.operations).contains("hangup " + second + " 34");
        rig.gone(second, 34);
        assertThat(rig.types(second)).containsExactly(SETUP, HANGUP, END);
        assertThat(rig.last(second).cause()).isEqualTo(34);

        rig.gone(rig.leg(first, 1), 17);
        rig.gone(first, 17);
        String third = rig.dial("2800510");
        assertThat(rig.sw.operations).contains("createChannel " + rig.leg(third, 1) + " PJSIP/2800510@vendor-c");
    }

    @Test
    void aLimitInstructionOverridesTheConfiguredConcurrentCalls() {
        rig.book.apply(new Limit(Party.CUSTOMER, "acme", 0, null, 1, "trader", Instant.now()));

        String call = rig.dial("2800510");

        assertThat(rig.sw.operations).containsExactly("hangup " + call + " 34");
    }

    @Test
    void aBlockedDestinationIsNotRoutedAndABlockedVendorIsSkipped() {
        rig.book.apply(new Block(null, "2809", null, "fraud", 1, "analyst", Instant.now()));
        rig.book.apply(new Block(null, null, "vendor-c", "quality", 1, "trader", Instant.now()));

        String blocked = rig.dial("2809123");
        String routed = rig.dial("2800510");

        assertThat(rig.sw.operations).contains("hangup " + blocked + " 3");
        assertThat(rig.sw.operations("createChannel")).containsExactly(
                "createChannel " + rig.leg(routed, 1) + " PJSIP/2800510@vendor-a");
    }

    @Test
    void aFullVendorTrunkIsSkipped() {
        rig.close();
        rig = new Rig(new CustomerLimits(10, 100, new BigDecimal("10")), Duration.ofHours(1), 1);
        String first = rig.dial("2800510");
        String second = rig.dial("2800510");

        assertThat(rig.sw.operations("createChannel")).containsExactly(
                "createChannel " + rig.leg(first, 1) + " PJSIP/2800510@vendor-c",
                "createChannel " + rig.leg(second, 1) + " PJSIP/2800510@vendor-a");
        rig.gone(rig.leg(first, 1), 17);
        assertThat(rig.trunks.inUse("vendor-c")).isZero();
    }

    @Test
    void unknownCustomersInvalidNumbersAndAFullEventBufferAreRefusedWithTheirCauses() {
        rig.control.customerEntered("x1", "PJSIP/stranger-00000001", "1", List.of("2800510"), Instant.now());
        String invalid = rig.dial("28ab");
        rig.sink.room = false;
        String full = rig.dial("2800510");

        assertThat(rig.sw.operations).containsExactly("hangup x1 21", "hangup " + invalid + " 28",
                "hangup " + full + " 42");
    }

    @Test
    void aVendorLegCreatedAfterTheCustomerLeftIsHungUpAndTheCallEndsOnlyThen() {
        rig.sw.holding(op -> op.startsWith("createChannel"));
        String call = rig.dial("2800510");
        String leg = rig.leg(call, 1);

        rig.gone(call, 16);
        assertThat(rig.types(call)).doesNotContain(END);

        rig.sw.release("createChannel " + leg + " PJSIP/2800510@vendor-c");
        assertThat(rig.sw.operations).contains("hangup " + leg + " 16");
        rig.gone(leg, 16);
        assertThat(rig.types(call)).endsWith(END);
        assertNothingLeft();
    }

    @Test
    void aBridgeMadeBeforeAFailedStepIsDestroyedWhenTheCustomerLeftMeanwhile() {
        rig.sw.holding(op -> op.startsWith("ring "));
        String call = rig.dial("2800510");
        assertThat(rig.sw.bridges).hasSize(1);

        rig.gone(call, 16);
        rig.sw.fail("ring " + call);

        assertThat(rig.sw.operations("destroyBridge")).hasSize(1);
        assertThat(rig.types(call)).endsWith(END);
        assertNothingLeft();
    }

    @Test
    void aVendorLegTheSwitchRefusesToCreateCountsAsANetworkFailureAndTheNextVendorIsTried() {
        rig.sw.refusing(op -> op.startsWith("createChannel") && op.contains("vendor-c"));

        String call = rig.dial("2800510");

        assertThat(rig.sw.operations("createChannel")).hasSize(2);
        assertThat(rig.sink.of(call)).filteredOn(e -> e.type() == HANGUP).extracting(CallEvent::cause)
                .containsExactly(38);
    }

    @Test
    void theSweeperEndsCallsWhoseChannelsVanishedWhileEventsWereLost() {
        String call = rig.dial("2800510");
        rig.control.legAnswered(rig.leg(call, 1), Instant.now());

        rig.control.reconcile(java.util.Set.of(), System.nanoTime());

        assertThat(rig.types(call)).endsWith(HANGUP, HANGUP, END);
        assertThat(rig.last(call).cause()).isEqualTo(CallControl.SWEPT_CAUSE);
        assertThat(rig.control.active()).isZero();
    }

    @Test
    void aCallWhoseVendorLegIsStillBeingCreatedIsNotJudgedByAListingThatCannotShowIt() {
        rig.sw.holding(op -> op.startsWith("createChannel"));
        String call = rig.dial("2800510");
        String leg = rig.leg(call, 1);

        rig.control.reconcile(java.util.Set.of(call), System.nanoTime());
        rig.sw.release("createChannel " + leg + " PJSIP/2800510@vendor-c");

        assertThat(rig.types(call)).containsExactly(SETUP, ATTEMPT);
        assertThat(rig.sw.operations).contains("dial " + leg);
    }

    @Test
    void aHangupOrBridgeTeardownTheSwitchRefusesIsSentAgainUntilItIsTaken() throws Exception {
        String call = rig.dial("2800510");
        String leg = rig.leg(call, 1);
        rig.control.legAnswered(leg, Instant.now());
        int[] refusals = {2};
        rig.sw.refusing(op -> (op.equals("hangup " + call + " 16") || op.startsWith("destroyBridge")) && refusals[0]-- > 0);

        rig.gone(leg, 16);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (rig.sw.operations("hangup").stream().filter(o -> o.startsWith("hangup " + call)).count() < 3
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(rig.sw.operations("hangup")).filteredOn(o -> o.startsWith("hangup " + call)).hasSize(3);
        rig.gone(call, 16);
        while (rig.sw.operations("destroyBridge").isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(rig.sw.operations("destroyBridge")).hasSize(1);
    }

    @Test
    void aCustomerLegIsTrackedFromItsStasisStartEvenWhileItsSetUpWaitsForABusyCallThread() {
        rig.holdCallThreads = true;
        String call = rig.dial("+2800510");
        assertThat(rig.control.active()).isZero();
        assertThat(rig.control.tracks(call)).isTrue();

        rig.releaseCallThreads();
        assertThat(rig.control.tracks(call)).isTrue();
        rig.gone(rig.leg(call, 1), 17);
        rig.gone(call, 17);

        assertThat(rig.control.tracks(call)).isFalse();
        assertNothingLeft();
    }

    private void assertNothingLeft() {
        assertThat(rig.sw.bridges).isEmpty();
        assertThat(rig.sw.channels).isEmpty();
        assertThat(rig.control.active()).isZero();
        assertThat(rig.admission.active("acme")).isZero();
        assertThat(List.of("vendor-a", "vendor-b", "vendor-c")).allSatisfy(t -> assertThat(rig.trunks.inUse(t)).isZero());
    }
}
