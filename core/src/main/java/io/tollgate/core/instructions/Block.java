package io.tollgate.core.instructions;

import java.time.Instant;

/**
 * Refuse traffic matching every given field: a customer, a destination prefix, a vendor, or a combination
 * (a customer's calls to a destination; a vendor for a destination). At least one field is given.
 *
 * @param prefix destination prefix in E.164 digits without '+'
 * @param reason why, for the audit trail and the agent's logs, such as the alert that caused an automatic block
 */
public record Block(
        String customer,
        String prefix,
        String vendor,
        String reason,
        long version,
        String issuer,
        Instant issuedAt) implements Instruction {

    public Block {
        checkTarget(customer, prefix, vendor);
        Issued.check(version, issuer, issuedAt);
    }

    @Override
    public String subject() {
        return subjectOf(customer, prefix, vendor);
    }

    /** The subject shared by a block and the unblock that lifts it. */
    static String subjectOf(String customer, String prefix, String vendor) {
        return Subject.of("block")
                .and("customer", customer)
                .and("destination", prefix)
                .and("vendor", vendor)
                .key();
    }

    static void checkTarget(String customer, String prefix, String vendor) {
        if (customer == null && prefix == null && vendor == null) {
            throw new IllegalArgumentException("a block needs a customer, a destination prefix or a vendor");
        }
        Subject.checkId("customer", customer);
        Subject.checkPrefix(prefix);
        Subject.checkId("vendor", vendor);
    }
}
