package io.intinode.node.privacy.canon;

import io.intinode.node.privacy.OfficeSetPolicy;
import io.intinode.store.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds an unsigned manifest from a support table: one ladder per profile ({@link LadderBuilder}). */
public final class ManifestBuilder {
    private ManifestBuilder() {}

    /**
     * @param populations hosts per profile (n in the thresholds n/2^j); a profile not listed uses
     *     its largest count, the support of its most common blob
     */
    public static CanonManifest build(List<SupportTable.Row> rows, int k, long epoch, Instant notAfter,
            Map<String, Long> populations) {
        return build(rows, k, epoch, notAfter, populations, ManifestCodec.MAX_ENTRIES);
    }

    static CanonManifest build(List<SupportTable.Row> rows, int k, long epoch, Instant notAfter,
            Map<String, Long> populations, int maxEntries) {
        Map<String, List<SupportTable.Row>> byProfile = new LinkedHashMap<>();
        for (SupportTable.Row r : rows) {
            byProfile.computeIfAbsent(r.profile(), p -> new ArrayList<>()).add(r);
        }
        for (String p : populations.keySet()) {
            if (!byProfile.containsKey(p)) {
                throw new ManifestException("population given for profile '" + p + "', which the table does not list");
            }
        }
        List<ProfileLevels> profiles = new ArrayList<>();
        for (Map.Entry<String, List<SupportTable.Row>> e : byProfile.entrySet()) {
            profiles.add(profile(e.getKey(), e.getValue(), k, populations.get(e.getKey())));
        }
        int blobs = profiles.stream().mapToInt(ProfileLevels::entryCount).sum();
        if (blobs > maxEntries) {
            throw new ManifestException("the manifest would list " + blobs + " blobs, more than a node accepts ("
                    + maxEntries + "): raise --k or split the profiles");
        }
        try {
            return new CanonManifest("", epoch, notAfter, k, profiles);
        } catch (IllegalArgumentException ex) {
            throw new ManifestException(ex.getMessage());
        }
    }

    /**
     * An office manifest: the office set O as one level. {@code officeCounts} gives, per blob, how many
     * of the office's {@code hosts} hold it (from the office's internal registry, which counts every
     * machine, participating or not), under one profile name (the office); a blob is listed when at
     * least max(k, ρ·hosts) hold it and fewer
     * than n/64 of the {@code globalPopulation} n hold it anywhere ({@code globalCounts}, summed over a
     * public support table; a blob it does not list counts as 0).
     */
    public static CanonManifest office(List<SupportTable.Row> officeCounts, Map<Digest, Long> globalCounts,
            long hosts, long globalPopulation, int k, double rho, long epoch, Instant notAfter) {
        if (hosts < 1 || globalPopulation < 1) {
            throw new ManifestException("office hosts and global population must be >= 1");
        }
        if (!(rho > 0 && rho <= 1)) {
            throw new ManifestException("rho must be in (0, 1]: " + rho);
        }
        String office = null;
        Map<Digest, SupportTable.Row> byDigest = new LinkedHashMap<>();
        List<OfficeSetPolicy.Candidate<Digest>> candidates = new ArrayList<>();
        for (SupportTable.Row r : officeCounts) {
            if (office != null && !office.equals(r.profile())) {
                throw new ManifestException("an office table lists one office, not '" + office + "' and '"
                        + r.profile() + "'");
            }
            office = r.profile();
            if (r.count() > hosts) {
                throw new ManifestException(r.digest() + " is held by " + r.count() + " of " + hosts
                        + " office hosts");
            }
            if (byDigest.putIfAbsent(r.digest(), r) != null) {
                throw new ManifestException("office " + office + " lists " + r.digest() + " twice");
            }
            candidates.add(new OfficeSetPolicy.Candidate<>(r.digest(), Math.toIntExact(r.count()),
                    globalCounts.getOrDefault(r.digest(), 0L)));
        }
        if (office == null) {
            throw new ManifestException("the office table lists no blob");
        }
        List<ManifestEntry> set = new ArrayList<>();
        for (Digest d : OfficeSetPolicy.select(candidates, Math.toIntExact(hosts), globalPopulation, k, rho)) {
            SupportTable.Row r = byDigest.get(d);
            set.add(new ManifestEntry(d, r.pkg(), r.version(), r.sizeBytes()));
        }
        try {
            return new CanonManifest("", epoch, notAfter, k,
                    List.of(new ProfileLevels(office, hosts, List.of(set))));
        } catch (IllegalArgumentException ex) {
            throw new ManifestException(ex.getMessage());
        }
    }

    private static ProfileLevels profile(String name, List<SupportTable.Row> rows, int k, Long population) {
        Map<String, String> versionOf = new HashMap<>();
        Map<Digest, SupportTable.Row> byDigest = new HashMap<>();
        long max = 1;
        List<LadderBuilder.Support<Digest>> supports = new ArrayList<>();
        for (SupportTable.Row r : rows) {
            String v = versionOf.putIfAbsent(r.pkg(), r.version());
            if (v != null && !v.equals(r.version())) {
                throw new ManifestException("profile " + name + " lists package " + r.pkg() + " at versions " + v
                        + " and " + r.version() + ": a manifest carries only the latest version");
            }
            if (byDigest.putIfAbsent(r.digest(), r) != null) {
                throw new ManifestException("profile " + name + " lists " + r.digest() + " twice");
            }
            max = Math.max(max, r.count());
            supports.add(new LadderBuilder.Support<>(r.digest(), r.pkg(), r.version(), r.count(), r.sizeBytes()));
        }
        long n = population != null ? population : max;
        if (n < 1) {
            throw new ManifestException("population of profile " + name + " must be >= 1");
        }
        return ProfileLevels.of(LadderBuilder.build(name, n, k, supports), n);
    }
}
