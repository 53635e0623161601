package io.tollgate.sim;

import java.time.Duration;

/**
 * The local stack's simulated vendors ([vendor-sim] in infra/asterisk/conf/extensions.conf), number prefix by number
 * prefix, so that a scenario behaves alike on the real Asterisk and on the simulator. {@code SS} is two digits of
 * seconds and at least one more digit must follow a prefix, as the dialplan's patterns ({@code _280XX.}) demand;
 * anything else answers and talks {@code SIM_TALK_S}.
 *
 * <pre>
 * 280SS…  answers at once, talks SS s            281…  busy (17)           282…  congestion (34)
 * 283…    unallocated (1)                        284SS… rings SS s, then no answer (19)
 * 285SS…  rings SS s, answers, talks SIM_TALK_S  286V…  vendor V congested, the others answer
 * 287V…   only vendor V answers, the others are congested
 * </pre>
 */
public final class VendorSim implements VendorBehaviour {
    private final int vendor;
    private final Duration talk;

    /**
     * @param vendor which vendor it plays for the per-vendor prefixes (SIM_VENDOR: 1 = a, 2 = b, 3 = c)
     * @param talk   SIM_TALK_S: the talk time of numbers without one of their own
     */
    public VendorSim(int vendor, Duration talk) {
        this.vendor = vendor;
        this.talk = talk;
    }

    @Override
    public FarEnd dialled(String number, String trunk) {
        // the patterns, most specific first, as Asterisk orders them
        if (matches(number, "280", 2)) {
            return FarEnd.answers(Duration.ZERO, seconds(number));
        }
        if (matches(number, "281", 0)) {
            return FarEnd.refuses(Causes.USER_BUSY, Duration.ZERO);
        }
        if (matches(number, "282", 0)) {
            return FarEnd.refuses(Causes.CONGESTION, Duration.ZERO);
        }
        if (matches(number, "283", 0)) {
            return FarEnd.refuses(Causes.UNALLOCATED, Duration.ZERO);
        }
        if (matches(number, "284", 2)) {
            return FarEnd.ringsThenRefuses(Causes.NO_ANSWER, seconds(number));
        }
        if (matches(number, "285", 2)) {
            return FarEnd.ringsThenAnswers(seconds(number), talk);
        }
        if (perVendor(number, "286")) {
            return number.charAt(3) - '0' == vendor ? FarEnd.refuses(Causes.CONGESTION, Duration.ZERO)
                    : FarEnd.answers(Duration.ZERO, talk);
        }
        if (perVendor(number, "287")) {
            return number.charAt(3) - '0' == vendor ? FarEnd.answers(Duration.ZERO, talk)
                    : FarEnd.refuses(Causes.CONGESTION, Duration.ZERO);
        }
        return FarEnd.answers(Duration.ZERO, talk);
    }

    /** {@code _<prefix>X{digits}.}: the prefix, that many digits, and at least one more character. */
    private static boolean matches(String number, String prefix, int digits) {
        if (!number.startsWith(prefix) || number.length() < prefix.length() + digits + 1) {
            return false;
        }
        for (int i = prefix.length(); i < prefix.length() + digits; i++) {
            if (!Character.isDigit(number.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code _<prefix>[1-3].} */
    private static boolean perVendor(String number, String prefix) {
        return number.startsWith(prefix) && number.length() >= 5 && number.charAt(3) >= '1' && number.charAt(3) <= '3';
    }

    private static Duration seconds(String number) {
        return Duration.ofSeconds(Integer.parseInt(number.substring(3, 5)));
    }
}
