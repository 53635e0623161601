/**
 * An ARI-compatible switch simulator: Asterisk 22's REST resources and event WebSocket, as the routing agent and
 * ari4java use them, over simulated channels, bridges and vendors (see the module's README); {@link
 * io.tollgate.sim.SwitchSim} is the entry point. The traffic generator lives in {@code io.tollgate.sim.traffic}.
 */
package io.tollgate.sim;
