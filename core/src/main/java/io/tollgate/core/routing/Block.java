package io.tollgate.core.routing;

/**
 * A trader's or the fraud system's block: a vendor, a destination prefix, or a vendor for one destination.
 *
 * @param vendor null = every vendor
 * @param prefix null = every number
 */
public record Block(String vendor, String prefix) {

    public Block {
        if (vendor == null && prefix == null) {
            throw new IllegalArgumentException("a block names a vendor, a destination prefix or both");
        }
    }

    public static Block vendor(String vendor) {
        return new Block(vendor, null);
    }

    public static Block destination(String prefix) {
        return new Block(null, prefix);
    }

    /** True when this block stops {@code number} from going to {@code vendor}. */
    public boolean stops(String vendor, String number) {
        return (this.vendor == null || this.vendor.equals(vendor)) && (prefix == null || number.startsWith(prefix));
    }
}
