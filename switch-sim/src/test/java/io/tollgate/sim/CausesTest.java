package io.tollgate.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** chan_pjsip's cause ↔ SIP mapping, which decides what a cause looks like on the other side of a SIP call. */
class CausesTest {

    @Test
    void anUnansweredCallIsRefusedWithTheCausesSipResponseAndReadBackAsAsteriskDoes() {
        // cause sent → SIP response → cause the other side reads
        assertThat(roundTrip(16)).isEqualTo("603→21");
        assertThat(roundTrip(17)).isEqualTo("486→17");
        assertThat(roundTrip(34)).isEqualTo("503→34");
        assertThat(roundTrip(3)).isEqualTo("404→1");
        assertThat(roundTrip(1)).isEqualTo("404→1");
        assertThat(roundTrip(21)).isEqualTo("403→21");
        assertThat(roundTrip(19)).isEqualTo("480→19");
        assertThat(roundTrip(28)).isEqualTo("484→28");
        assertThat(roundTrip(42)).isEqualTo("503→34");
        assertThat(roundTrip(38)).isEqualTo("500→38");
    }

    @Test
    void normalClearingHasNoSipCodeOfItsOwn() {
        assertThat(Causes.toSip(16)).isZero();
    }

    @Test
    void hangupReasonsAreAsterisksNames() {
        assertThat(Causes.ofReason("busy")).isEqualTo(17);
        assertThat(Causes.ofReason("congestion")).isEqualTo(34);
        assertThat(Causes.ofReason("no_answer")).isEqualTo(19);
        assertThat(Causes.ofReason("unallocated")).isEqualTo(1);
        assertThat(Causes.ofReason("nonsense")).isEqualTo(-1);
    }

    @Test
    void causeTextsAreAsterisks() {
        assertThat(Causes.text(16)).isEqualTo("Normal Clearing");
        assertThat(Causes.text(17)).isEqualTo("User busy");
        assertThat(Causes.text(34)).isEqualTo("Circuit/channel congestion");
        assertThat(Causes.text(1)).isEqualTo("Unallocated (unassigned) number");
        assertThat(Causes.text(19)).isEqualTo("User alerting, no answer");
        assertThat(Causes.text(999)).isEqualTo("Unknown");
    }

    private static String roundTrip(int cause) {
        int sip = Causes.rejectResponse(cause);
        return sip + "→" + Causes.fromSip(sip);
    }
}
