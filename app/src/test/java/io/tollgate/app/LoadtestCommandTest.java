package io.tollgate.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What `tollgate loadtest` refuses before it starts a switch or an agent. */
class LoadtestCommandTest {
    private static final String CONFIG = Path.of("..", "tollgate.yaml").toString();

    @Test
    void aTalkTimeTheSimulatedVendorsCannotDialIsRefusedNamingTheOption() {
        for (String talk : new String[] {"101", "0", "30,100"}) {
            CommandRun run = CommandRun.of("loadtest", "--config", CONFIG, "--mix", "answered", "--talk", talk);

            assertThat(run.exitCode()).as(talk).isEqualTo(2);
            assertThat(run.err()).as(talk).contains("--talk").contains("1..99");
        }
    }
}
