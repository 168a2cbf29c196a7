package io.intinode.node.privacy;

/**
 * Opt-in "donate cache space": a donor announces the deepest donor level D[j] that fits both caps.
 *
 * @param enabled whether this host donates
 * @param capBlobs the most blobs the donor level may hold
 * @param capBytes the most bytes the donor level may hold
 */
public record DonorConfig(boolean enabled, int capBlobs, long capBytes) {
    public static final DonorConfig NONE = new DonorConfig(false, 0, 0);

    public DonorConfig {
        if (capBlobs < 0 || capBytes < 0) {
            throw new IllegalArgumentException("donor caps must be >= 0");
        }
    }

    public static DonorConfig of(int capBlobs, long capBytes) {
        return new DonorConfig(true, capBlobs, capBytes);
    }
}
