package io.tollgate.sim;

/**
 * How the far end of a vendor trunk answers a call: the vendor's switch, as the simulator plays it. Called on the
 * exchange's thread once per dialled leg, so an implementation may keep plain (unsynchronised) state.
 */
@FunctionalInterface
public interface VendorBehaviour {
    /**
     * @param number the dialled number, as it went out ({@code PJSIP/<number>@<trunk>})
     * @param trunk  the trunk's endpoint name ({@code vendor-a})
     */
    FarEnd dialled(String number, String trunk);
}
