package io.tollgate.core.cdr;

import io.tollgate.core.cdr.CallEvent.Type;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CdrAssemblerTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** Events of one call as the agent numbers them. */
    static final class Script {
        private final String callId;
        private final List<CallEvent> events = new ArrayList<>();

        Script(String callId) {
            this.callId = callId;
        }

        Script add(Type type, String leg, long atMs, String vendor, Integer cause) {
            events.add(new CallEvent(type, callId, leg, T0.plusMillis(atMs), "acme", "4930111", "4915112345678",
                    vendor, cause, "agent-1", events.size()));
            return this;
        }

        List<CallEvent> events() {
            return events;
        }
    }

    /** Vendor A congested, vendor B rang, answered and talked 65.432 s until the customer hung up. */
    static Script failoverThenAnswer(String callId) {
        return new Script(callId)
                .add(Type.SETUP, callId, 0, null, null)
                .add(Type.ATTEMPT, callId + "-v1", 20, "vendor-a", null)
                .add(Type.HANGUP, callId + "-v1", 120, "vendor-a", 34)
                .add(Type.ATTEMPT, callId + "-v2", 130, "vendor-b", null)
                .add(Type.RINGING, callId + "-v2", 1_630, "vendor-b", null)
                .add(Type.ANSWER, callId + "-v2", 4_000, "vendor-b", null)
                .add(Type.HANGUP, callId, 69_432, null, 16)
                .add(Type.HANGUP, callId + "-v2", 69_440, "vendor-b", 16)
                .add(Type.END, callId, 69_500, null, 16);
    }

    @Test
    void anAnsweredCallAfterAFailoverHasEveryAttemptAndTheTalkTime() {
        Cdr cdr = CdrAssembler.assemble(failoverThenAnswer("c1").events(), false);

        assertThat(cdr.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(cdr.setup()).isEqualTo(T0);
        assertThat(cdr.answer()).isEqualTo(T0.plusMillis(4_000));
        assertThat(cdr.end()).isEqualTo(T0.plusMillis(69_432));
        assertThat(cdr.durationS()).isEqualByComparingTo("65.432");
        assertThat(cdr.cause()).isEqualTo(16);
        assertThat(cdr.attempts()).containsExactly(
                new CallAttempt("vendor-a", "c1-v1", 34, null, false),
                new CallAttempt("vendor-b", "c1-v2", 16, 1_500L, true));
        assertThat(cdr.flags()).isEmpty();
    }

    @Test
    void orderAndDuplicatesDoNotChangeTheCdr() {
        List<CallEvent> events = failoverThenAnswer("c1").events();
        Cdr expected = CdrAssembler.assemble(events, false);
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            List<CallEvent> shuffled = new ArrayList<>(events);
            shuffled.addAll(events.subList(0, random.nextInt(events.size())));
            Collections.shuffle(shuffled, random);

            assertThat(CdrAssembler.assemble(shuffled, false)).isEqualTo(expected);
            assertThat(CdrAssembler.complete(shuffled)).isTrue();
        }
    }

    @Test
    void aGapInTheSequenceFlagsTheCdrAndIsNotComplete() {
        List<CallEvent> events = new ArrayList<>(failoverThenAnswer("c1").events());
        events.remove(4);

        assertThat(CdrAssembler.complete(events)).isFalse();
        assertThat(CdrAssembler.assemble(events, false).flags()).containsExactly(CdrFlag.EVENTS_MISSING);
    }

    @Test
    void aCallWithoutEndClosedByTimeoutEndsAtItsLastEvent() {
        List<CallEvent> events = failoverThenAnswer("c1").events().subList(0, 6);

        Cdr cdr = CdrAssembler.assemble(events, true);

        assertThat(CdrAssembler.complete(events)).isFalse();
        assertThat(cdr.flags()).containsExactly(CdrFlag.TIMED_OUT);
        assertThat(cdr.end()).isEqualTo(T0.plusMillis(4_000));
        assertThat(cdr.durationS()).isZero();
        assertThat(cdr.cause()).isNull();
    }

    @Test
    void busyNoAnswerCongestionAndRefusalGetTheirDisposition() {
        assertThat(unanswered(17)).isEqualTo(Disposition.BUSY);
        assertThat(unanswered(19)).isEqualTo(Disposition.NO_ANSWER);
        assertThat(unanswered(34)).isEqualTo(Disposition.CONGESTION);
        assertThat(unanswered(1)).isEqualTo(Disposition.FAILED);
        Cdr refused = CdrAssembler.assemble(new Script("r").add(Type.SETUP, "r", 0, null, null)
                .add(Type.HANGUP, "r", 5, null, 21).add(Type.END, "r", 9, null, 21).events(), false);
        assertThat(refused.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(refused.attempts()).isEmpty();
    }

    @Test
    void theCallerHangingUpWhileItRingsIsCancelled() {
        Cdr cdr = CdrAssembler.assemble(new Script("x").add(Type.SETUP, "x", 0, null, null)
                .add(Type.ATTEMPT, "x-v1", 10, "vendor-a", null)
                .add(Type.RINGING, "x-v1", 900, "vendor-a", null)
                .add(Type.HANGUP, "x", 5_000, null, 16)
                .add(Type.HANGUP, "x-v1", 5_010, "vendor-a", 16)
                .add(Type.END, "x", 5_020, null, 16).events(), false);

        assertThat(cdr.disposition()).isEqualTo(Disposition.CANCELLED);
        assertThat(cdr.attempts().get(0).pddMs()).isEqualTo(890L);
    }

    @Test
    void aSweptEndIsFlagged() {
        CallEvent swept = new CallEvent(Type.END, "s", "s", T0.plusSeconds(40), "acme", null, null, null, 41,
                "agent-1", CdrAssembler.SWEPT_SEQ);
        List<CallEvent> events = List.of(new Script("s").add(Type.SETUP, "s", 0, null, null).events().get(0), swept);

        Cdr cdr = CdrAssembler.assemble(events, false);

        assertThat(CdrAssembler.complete(events)).isTrue();
        assertThat(cdr.flags()).contains(CdrFlag.SWEPT, CdrFlag.EVENTS_MISSING);
        assertThat(cdr.end()).isEqualTo(T0.plusSeconds(40));
    }

    private static Disposition unanswered(int cause) {
        return CdrAssembler.assemble(new Script("u").add(Type.SETUP, "u", 0, null, null)
                .add(Type.ATTEMPT, "u-v1", 10, "vendor-a", null)
                .add(Type.HANGUP, "u-v1", 900, "vendor-a", cause)
                .add(Type.HANGUP, "u", 910, null, cause)
                .add(Type.END, "u", 920, null, cause).events(), false).disposition();
    }

    @Test
    void durationKeepsMilliseconds() {
        assertThat(CdrAssembler.assemble(failoverThenAnswer("c").events(), false).durationS())
                .isEqualTo(new BigDecimal("65.432"));
    }
}
