package io.tollgate.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short load run in the normal suite: a thousand calls at 500 a second through the routing agent's flow, each
 * talking a second; every call ends, nothing is left behind, no request fails.
 */
class ManyCallsTest {

    @Test
    void aThousandCallsAtFiveHundredASecondAllEndAndLeaveNothingBehind() throws Exception {
        try (SwitchSim sim = SwitchSim.start(SwitchSim.Options.builder().talkTime(Duration.ofSeconds(1)).build());
             AgentLikeLoad load = new AgentLikeLoad(sim.ariUri(), "tollgate", "tollgate")) {
            load.place(1000, 500, "4420");

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (load.ended.sum() < 1000 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // the last answers may still be on their way when the switch is already clear
            while ((sim.channels() > 0 || sim.bridges() > 0 || load.requests.sum() < 10_000)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(load.ended.sum()).as("calls ended").isEqualTo(1000);
            assertThat(load.answered.sum()).as("calls answered").isEqualTo(1000);
            assertThat(load.failures.sum()).as("failed requests").isZero();
            assertThat(load.requests.sum()).as("requests: ten a call").isEqualTo(10_000);
            assertThat(sim.channels()).isZero();
            assertThat(sim.bridges()).isZero();
        }
    }
}
