package io.tollgate.agent.ari;

import ch.loway.oss.ari4java.generated.ari_10_0_0.models.Message_impl_ari_10_0_0;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.generated.models.StasisEnd;
import ch.loway.oss.ari4java.tools.BaseAriAction;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.StdDateFormat;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ARI's timestamps read by position give the instant Jackson's general date format gives, or are left to it. */
class AriJsonTest {
    private static Date jackson(String s) throws Exception {
        return new StdDateFormat().parse(s);
    }

    @Test
    void theTimestampFormAriWritesIsReadAsJacksonReadsIt() throws Exception {
        for (String s : List.of("2026-11-27T11:49:00.123+0000", "2026-11-27T11:49:00.123+0530",
                "2026-11-27T00:00:00.000-0800", "2024-02-29T23:59:59.999+0000", "1970-01-01T00:00:00.000+0000",
                "2026-12-31T23:59:59.001+1400")) {
            assertThat(AriJson.parse(s)).as(s).isEqualTo(jackson(s));
        }
    }

    @Test
    void anythingElseIsLeftToJackson() {
        for (String s : List.of("2026-11-27T11:49:00Z", "2026-11-27T11:49:00.123Z", "2026-11-27T11:49:00.123+00:00",
                "2026-02-30T11:49:00.123+0000", "2026-11-27T24:49:00.123+0000", "2026-11-27T11:49:00.1a3+0000",
                "2026-11-27 11:49:00.123+0000", "")) {
            assertThat(AriJson.parse(s)).as(s).isNull();
        }
    }

    @Test
    void ari4javaReadsEventsWithTheTunedMapper() throws Exception {
        AriJson.tune();
        Field field = BaseAriAction.class.getDeclaredField("mapper");
        field.setAccessible(true);
        ObjectMapper mapper = (ObjectMapper) field.get(null);

        assertThat(mapper.getRegisteredModuleIds()).contains("ari-dates");
        Message event = BaseAriAction.deserializeEvent("{\"type\":\"StasisEnd\",\"application\":\"tollgate\","
                + "\"timestamp\":\"2026-11-27T11:49:00.123+0100\",\"channel\":{\"id\":\"c1\",\"name\":\"x\","
                + "\"state\":\"Up\",\"creationtime\":\"2026-11-27T11:48:00.000+0000\"}}", Message_impl_ari_10_0_0.class);

        assertThat(((StasisEnd) event).getTimestamp()).isEqualTo(Date.from(Instant.parse("2026-11-27T10:49:00.123Z")));
        assertThat(((StasisEnd) event).getChannel().getCreationtime())
                .isEqualTo(Date.from(Instant.parse("2026-11-27T11:48:00Z")));
    }
}
