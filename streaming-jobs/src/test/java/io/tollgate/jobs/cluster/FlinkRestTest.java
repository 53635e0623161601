package io.tollgate.jobs.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a refusal of the cluster is put into words: Flink's first line and the deepest cause, not its stack traces. */
class FlinkRestTest {

    @Test
    void aFailedMainIsReportedByTheLineThatSaysWhy() {
        // JSON as the cluster sends it: one string per error, lines joined by \n, frames by \n\t
        String body = "{\"errors\":[\"org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute"
                + " application.\\n\\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.handleRequest(X.java:1)"
                + "\\nCaused by: org.apache.flink.util.FlinkRuntimeException: Could not execute application."
                + "\\n\\tat org.apache.flink.client.program.PackagedProgram.callMainMethod(X.java:2)"
                + "\\nCaused by: io.tollgate.core.csv.BadInputException: /nowhere/tollgate.yaml: no such file"
                + "\\n\\tat io.tollgate.ingest.config.ConfigFile.text(ConfigFile.java:72)\\n\"]}";

        assertThat(FlinkRest.reason(body)).isEqualTo("org.apache.flink.runtime.rest.handler.RestHandlerException:"
                + " Could not execute application. Caused by: io.tollgate.core.csv.BadInputException:"
                + " /nowhere/tollgate.yaml: no such file");
    }

    @Test
    void anErrorWithoutCauseIsItsFirstLine() {
        assertThat(FlinkRest.reason("{\"errors\":[\"Not found: /jobs/x\\n\\tat somewhere\"]}"))
                .isEqualTo("Not found: /jobs/x");
    }

    @Test
    void aBodyThatIsNotFlinksJsonIsShownAsItIs() {
        assertThat(FlinkRest.reason("<html>502 Bad Gateway</html>\n")).isEqualTo("<html>502 Bad Gateway</html>");
    }
}
