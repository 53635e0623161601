package io.tollgate.core.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.RatedCdr;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming writer against data binding, the reference it replaces on the pipeline's path: the same bytes. */
class CdrJsonTest {
    private static final ObjectMapper BINDING = WireFormat.newMapper();

    /** As the codec wrote it before: data binding to UTF-8 bytes (which escapes surrogate pairs), version first. */
    private static String bound(Object value) throws Exception {
        String fields = text(BINDING.writeValueAsBytes(value));
        return "{\"v\":1," + fields.substring(1);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void aCdrIsWrittenAsDataBindingWritesIt() throws Exception {
        List<Cdr> cdrs = new ArrayList<>(RandomDomain.extremeCdrs());
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            cdrs.add(RandomDomain.cdr(random));
        }
        for (Cdr cdr : cdrs) {
            assertThat(text(JsonCodec.CDR.encode(cdr))).isEqualTo(bound(cdr));
        }
    }

    @Test
    void aRatedCdrAndItsCdrAreWrittenAsDataBindingWritesThem() throws Exception {
        List<RatedCdr> rated = new ArrayList<>(RandomDomain.extremeRatedCdrs());
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            rated.add(RandomDomain.ratedCdr(random));
        }
        for (RatedCdr r : rated) {
            CdrJson.Encoded both = CdrJson.encode(r);

            assertThat(text(both.rated())).isEqualTo(bound(r));
            assertThat(text(both.cdr())).isEqualTo(bound(r.cdr()));
        }
    }

    @Test
    void anUnratedCdrWithNothingButItsReason() throws Exception {
        RatedCdr bare = RatedCdr.unrated(Samples.cdr(), null, null, null, null, "no_customer");

        assertThat(text(CdrJson.encode(bare).rated())).isEqualTo(bound(bare))
                .endsWith("},\"unratedReason\":\"no_customer\"}");
    }
}
