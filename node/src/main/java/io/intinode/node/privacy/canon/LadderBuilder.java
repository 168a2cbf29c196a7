package io.intinode.node.privacy.canon;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds one profile's ladder from support counts: C[j] = blobs held by at least
 * max(k, n/2^j) of the profile's n hosts, j = 1..J, where J is the first level whose threshold
 * reaches k. Blobs held by fewer than k hosts are never listed.
 */
public final class LadderBuilder {
    private LadderBuilder() {}

    /** A latest public blob of the profile and how many hosts hold it (or a proxy such as downloads). */
    public record Support<K>(K blob, String pkg, String version, long count, long sizeBytes) {}

    public static <K> Ladder<K> build(String profile, long population, int k, List<Support<K>> supports) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        if (population < 1) {
            throw new IllegalArgumentException("population must be >= 1: " + population);
        }
        int depth = depth(population, k);
        List<LadderEntry<K>> entries = new ArrayList<>();
        for (Support<K> s : supports) {
            if (s.count() >= k) {
                entries.add(new LadderEntry<>(s.blob(), s.pkg(), s.version(), firstLevel(s.count(), population, k, depth),
                        s.sizeBytes()));
            }
        }
        return Ladder.of(profile, depth, entries);
    }

    /** J: the smallest j >= 1 with n/2^j <= k. */
    static int depth(long population, int k) {
        int j = 1;
        while (threshold(population, k, j) > k) {
            j++;
        }
        return j;
    }

    /** τ_j = max(k, n/2^j). */
    static double threshold(long population, int k, int j) {
        return Math.max(k, population / Math.pow(2, j));
    }

    private static int firstLevel(long count, long population, int k, int depth) {
        for (int j = 1; j < depth; j++) {
            if (count >= threshold(population, k, j)) {
                return j;
            }
        }
        return depth;
    }
}
