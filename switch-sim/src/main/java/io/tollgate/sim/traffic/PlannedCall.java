package io.tollgate.sim.traffic;

/**
 * One call the generator will place: from a customer's switch ({@code callerEndpoint}, which the switch presents
 * as that customer's endpoint) to {@code bNumber}. The test range's prefixes decide what the vendors do with it
 * (infra/README.md: 280SS answers and talks SS s, 281 is busy, ...).
 *
 * @param scenario {@code normal} or the fraud scenario that made it, so ground truth can tell them apart
 */
public record PlannedCall(long no, String scenario, String customer, String callerEndpoint, String aNumber,
                          String bNumber) {
}
