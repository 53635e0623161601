package io.tollgate.core.json;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.testing.Cases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte scanner reads the plain form exactly as the token reader does, and leaves everything else to it: it
 * never gives an event the token reader would not give, nor a different one.
 */
class CallEventScannerTest {
    private static final String PLAIN = "{\"v\":1,\"type\":\"HANGUP\",\"callId\":\"1748779200.42\",\"legId\":null,"
            + "\"ts\":1748779212345,\"customer\":\"acme\",\"aNumber\":\"4930123\",\"bNumber\":\"4915112\","
            + "\"vendor\":\"vendor-b\",\"cause\":17,\"agentId\":\"agent-1\",\"seq\":5}";
    /** What a mutation may put in: JSON's own characters, digits, letters of its literals, an escape. */
    private static final byte[] PIECES = "{}[]\",:0123456789-.eE nultrfasx\\\t\u00e9".getBytes(StandardCharsets.UTF_8);

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicTest> whatOurEncoderWritesIsReadAsTheTokenReaderReadsIt() {
        return Cases.draw(1000, RandomDomain::callEvent)
                .withEdgeCases(RandomDomain.extremeCallEvents())
                .check(event -> {
                    byte[] json = JsonCodec.CALL_EVENT.encode(event);
                    CallEvent scanned = CallEventScanner.read(json);
                    if (plain(json)) {
                        assertThat(scanned).isEqualTo(event);
                    } else {
                        assertThat(scanned).isNull();
                    }
                });
    }

    @Test
    void noMutationOfAnEventIsReadOtherwiseThanByTheTokenReader() {
        Random random = new Random(7);
        int scanned = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] json = mutated(JsonCodec.CALL_EVENT.encode(plainEvent(random)), random);
            CallEvent fast = CallEventScanner.read(json);
            if (fast != null) {
                scanned++;
                assertThat(fast).as(new String(json, StandardCharsets.UTF_8))
                        .isEqualTo(CallEventReader.fromTokens(json));
            }
        }
        assertThat(scanned).as("mutations still in the plain form, read").isGreaterThan(1_000);
    }

    @Test
    void readsThePlainFormWithAnyWhitespaceAndFieldOrder() {
        String spaced = PLAIN.replace(",", " ,\n\t").replace(":", " : ").replace("{", " {\r\n") + "  ";
        String reordered = "{\"seq\":5,\"cause\":17,\"ts\":1748779212345,\"type\":\"HANGUP\",\"v\":1,"
                + "\"callId\":\"1748779200.42\"}";

        assertThat(CallEventScanner.read(bytes(spaced))).isEqualTo(CallEventReader.fromTokens(bytes(PLAIN)))
                .isNotNull();
        assertThat(CallEventScanner.read(bytes(reordered))).isEqualTo(CallEventReader.fromTokens(bytes(reordered)))
                .isNotNull();
    }

    @Test
    void leavesAnythingElseToTheTokenReader() {
        List<String> others = List.of(
                PLAIN.replace("\"vendor-b\"", "\"vend\\u00e9\""),
                PLAIN.replace("\"vendor-b\"", "\"vendé\""),
                PLAIN.replace(",\"cause\"", "\"cause\""),
                PLAIN.replace("\"cause\":17", "\"cause\":017"),
                PLAIN.replace("\"cause\":17", "\"cause\":2147483648"),
                PLAIN.replace("\"cause\":17", "\"cause\":1.0"),
                PLAIN.replace("\"cause\":17", "\"cause\":\"17\""),
                PLAIN.replace("\"ts\":1748779212345", "\"ts\":1748779212345000000"),
                PLAIN.replace("\"seq\":5", "\"seq\":5,\"extra\":1"),
                PLAIN.replace("\"seq\":5", "\"seq\":5,\"seq\":6"),
                PLAIN.replace("\"v\":1", "\"v\":2"),
                PLAIN.replace("\"callId\":\"1748779200.42\"", "\"callId\":null"),
                PLAIN.replace("\"seq\":5}", "\"seq\":5,}"),
                PLAIN + "x",
                "\ufeff" + PLAIN);
        for (String json : others) {
            assertThat(CallEventScanner.read(bytes(json))).as(json).isNull();
        }
    }

    /** A random event whose strings are plain: what our producers write. */
    private static CallEvent plainEvent(Random random) {
        CallEvent.Type[] types = CallEvent.Type.values();
        return new CallEvent(types[random.nextInt(types.length)], ascii(random), random.nextBoolean() ? null
                : ascii(random), java.time.Instant.ofEpochMilli(random.nextLong(4_000_000_000_000L)), ascii(random),
                "49" + random.nextInt(1_000_000), random.nextBoolean() ? null : "2" + random.nextInt(1_000),
                random.nextBoolean() ? null : ascii(random), random.nextBoolean() ? null : random.nextInt(128),
                ascii(random), random.nextInt(40));
    }

    private static String ascii(Random random) {
        StringBuilder out = new StringBuilder();
        for (int n = 1 + random.nextInt(12); n > 0; n--) {
            out.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return out.toString().replace("\\", "-").replace("\"", "'");
    }

    private static boolean plain(byte[] json) {
        for (byte b : json) {
            if (b == '\\' || b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** One to three random edits: a byte replaced, put in or taken out. */
    private static byte[] mutated(byte[] json, Random random) {
        byte[] out = json;
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(out.length);
            byte piece = PIECES[random.nextInt(PIECES.length)];
            switch (random.nextInt(3)) {
                case 0 -> out[at] = piece;
                case 1 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = piece;
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                default -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
            }
        }
        return out;
    }
}
