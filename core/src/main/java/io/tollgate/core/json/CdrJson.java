package io.tollgate.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrFlag;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * CDRs and rated CDRs written field by field on Jackson's streaming generator, in the order and form data binding
 * gives them (MessageGoldenTest pins the bytes; CdrJsonTest holds this writer to data binding for random values). The CDR pipeline publishes each call twice, on {@code tollgate.cdrs} and inside its rated CDR on
 * {@code tollgate.rated-cdrs}; data binding took 29 % of the pipeline's operator thread for the two, so
 * {@link #encode} writes the CDR once and puts the same bytes in both.
 */
public final class CdrJson {
    /** The CDR's value for {@code tollgate.cdrs} and the rated CDR's for {@code tollgate.rated-cdrs}. */
    public record Encoded(byte[] cdr, byte[] rated) {
    }

    /** The generator settings of {@link WireFormat} (plain decimals). */
    private static final JsonFactory FACTORY = JsonCodec.factory();
    private static final byte[] CDR_START = utf8("{\"v\":" + JsonCodec.CDR.version() + ",");
    private static final byte[] RATED_START = utf8("{\"v\":" + JsonCodec.RATED_CDR.version() + ",\"cdr\":");

    private CdrJson() {
    }

    /** The value of {@code tollgate.cdrs}. */
    static byte[] cdr(Cdr cdr) {
        return versioned(object(cdr));
    }

    /** The value of {@code tollgate.rated-cdrs}. */
    static byte[] rated(RatedCdr rated) {
        return rated(object(rated.cdr()), rated);
    }

    /** Both values of one rated CDR, its CDR written once. */
    public static Encoded encode(RatedCdr rated) {
        byte[] cdr = object(rated.cdr());
        return new Encoded(versioned(cdr), rated(cdr, rated));
    }

    private static byte[] versioned(byte[] cdrObject) {
        return concat(CDR_START, cdrObject, 1, cdrObject.length - 1);
    }

    private static byte[] rated(byte[] cdrObject, RatedCdr rated) {
        byte[] rest = ratedWithoutCdr(rated);
        // never {}: a rated CDR has its customer leg, an unrated one its reason
        rest[0] = ',';
        byte[] value = new byte[RATED_START.length + cdrObject.length + rest.length];
        System.arraycopy(RATED_START, 0, value, 0, RATED_START.length);
        System.arraycopy(cdrObject, 0, value, RATED_START.length, cdrObject.length);
        System.arraycopy(rest, 0, value, RATED_START.length + cdrObject.length, rest.length);
        return value;
    }

    /** The CDR as a JSON object, without the schema version. */
    static byte[] object(Cdr cdr) {
        return write(g -> {
            g.writeStartObject();
            cdrFields(g, cdr);
            g.writeEndObject();
        });
    }

    /** The rated CDR's fields after {@code cdr}, as a JSON object. */
    private static byte[] ratedWithoutCdr(RatedCdr r) {
        return write(g -> {
            g.writeStartObject();
            string(g, "vendor", r.vendor());
            leg(g, "customerLeg", r.customerLeg());
            leg(g, "vendorLeg", r.vendorLeg());
            number(g, "fxRate", r.fxRate());
            number(g, "margin", r.margin());
            if (r.currency() != null) {
                g.writeStringField("currency", r.currency().getCurrencyCode());
            }
            string(g, "unratedReason", r.unratedReason());
            g.writeEndObject();
        });
    }

    private static void cdrFields(JsonGenerator g, Cdr c) throws IOException {
        g.writeStringField("callId", c.callId());
        string(g, "customer", c.customer());
        string(g, "aNumber", c.aNumber());
        string(g, "bNumber", c.bNumber());
        instant(g, "setup", c.setup());
        instant(g, "answer", c.answer());
        instant(g, "end", c.end());
        number(g, "durationS", c.durationS());
        g.writeStringField("disposition", c.disposition().name());
        if (c.cause() != null) {
            g.writeNumberField("cause", c.cause());
        }
        g.writeArrayFieldStart("attempts");
        for (CallAttempt a : c.attempts()) {
            g.writeStartObject();
            string(g, "vendor", a.vendor());
            string(g, "legId", a.legId());
            if (a.cause() != null) {
                g.writeNumberField("cause", a.cause());
            }
            if (a.pddMs() != null) {
                g.writeNumberField("pddMs", a.pddMs());
            }
            g.writeBooleanField("answered", a.answered());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("flags");
        for (CdrFlag flag : c.flags()) {
            g.writeString(flag.name());
        }
        g.writeEndArray();
    }

    private static void leg(JsonGenerator g, String name, RatedLeg leg) throws IOException {
        if (leg == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeStringField("deckId", leg.deckId());
        g.writeNumberField("deckVersion", leg.deckVersion());
        g.writeStringField("currency", leg.currency().getCurrencyCode());
        g.writeStringField("prefix", leg.prefix());
        number(g, "rate", leg.rate());
        g.writeNumberField("billedS", leg.billedS());
        number(g, "amount", leg.amount());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.toString());
        }
    }

    private static void number(JsonGenerator g, String name, BigDecimal value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeNumber(value);
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(1024)) {
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                body.write(g);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
    }

    private static byte[] concat(byte[] head, byte[] tail, int from, int length) {
        byte[] joined = new byte[head.length + length];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(tail, from, joined, head.length, length);
        return joined;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
