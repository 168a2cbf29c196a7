package io.intinode.node.privacy;

import java.util.Set;

/**
 * Settings of the announcement policy.
 *
 * @param mode off, all or canonical
 * @param k the smallest class (hosts announcing the same level) a host may join
 * @param phi the largest share of a level a host may lack and fetch to join it
 * @param officeK the fewest LAN peers that must announce the same level
 * @param officeRho the share of office hosts that must hold a blob for the office set
 * @param donor the donor opt-in and its caps
 * @param deniedPackages packages never announced, not even as filler of a level
 * @param holeBudget the most blobs a non-donor fetches per manifest epoch only to announce them (holes
 *     of its level plus the office set it lacks): bounds the cost of privacy for the worst-off host
 */
public record PrivacyConfig(ShareMode mode, int k, double phi, int officeK, double officeRho, DonorConfig donor,
        Set<String> deniedPackages, int holeBudget) {
    public static final int DEFAULT_K = 5;
    public static final double DEFAULT_PHI = 0.25;
    public static final int DEFAULT_OFFICE_K = 2;
    public static final double DEFAULT_OFFICE_RHO = 0.2;
    public static final int DEFAULT_HOLE_BUDGET = 15;

    public PrivacyConfig {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        if (!(phi >= 0 && phi <= 1)) {
            throw new IllegalArgumentException("phi must be in [0, 1]: " + phi);
        }
        if (officeK < 0) {
            throw new IllegalArgumentException("office_k must be >= 0: " + officeK);
        }
        if (!(officeRho >= 0 && officeRho <= 1)) {
            throw new IllegalArgumentException("office rho must be in [0, 1]: " + officeRho);
        }
        if (holeBudget < 0) {
            throw new IllegalArgumentException("hole budget must be >= 0: " + holeBudget);
        }
        deniedPackages = Set.copyOf(deniedPackages);
    }

    /** The default: share nothing. */
    public static PrivacyConfig defaults() {
        return new PrivacyConfig(ShareMode.OFF, DEFAULT_K, DEFAULT_PHI, DEFAULT_OFFICE_K, DEFAULT_OFFICE_RHO,
                DonorConfig.NONE, Set.of(), DEFAULT_HOLE_BUDGET);
    }

    /** The recommended canonical policy (k = 5, φ = 0.25, office_k = 2, ρ = 0.2), without donating. */
    public static PrivacyConfig canonical() {
        return defaults().withMode(ShareMode.CANONICAL);
    }

    public PrivacyConfig withMode(ShareMode m) {
        return new PrivacyConfig(m, k, phi, officeK, officeRho, donor, deniedPackages, holeBudget);
    }

    public PrivacyConfig withDonor(DonorConfig d) {
        return new PrivacyConfig(mode, k, phi, officeK, officeRho, d, deniedPackages, holeBudget);
    }

    public PrivacyConfig withHoleBudget(int budget) {
        return new PrivacyConfig(mode, k, phi, officeK, officeRho, donor, deniedPackages, budget);
    }

    public PrivacyConfig withDenied(Set<String> packages) {
        return new PrivacyConfig(mode, k, phi, officeK, officeRho, donor, packages, holeBudget);
    }
}
