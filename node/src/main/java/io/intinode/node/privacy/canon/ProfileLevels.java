package io.intinode.node.privacy.canon;

import io.intinode.store.Digest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ladder of one profile as published: {@code levels.get(j - 1)} lists the blobs that level j
 * adds, so C[j] is the union of the first j lists (nested by construction). Each list is kept
 * sorted by digest, so that equal ladders encode to equal bytes.
 */
public record ProfileLevels(String profile, long population, List<List<ManifestEntry>> levels) {
    public ProfileLevels {
        Objects.requireNonNull(profile, "profile");
        if (population < 1) {
            throw new IllegalArgumentException("population must be >= 1: " + population);
        }
        Set<Digest> seen = new HashSet<>();
        List<List<ManifestEntry>> sorted = new ArrayList<>(levels.size());
        for (List<ManifestEntry> level : levels) {
            List<ManifestEntry> l = new ArrayList<>(level);
            l.sort(Comparator.comparing(ManifestEntry::digest));
            for (ManifestEntry e : l) {
                if (!seen.add(e.digest())) {
                    throw new IllegalArgumentException("profile " + profile + " lists " + e.digest() + " twice");
                }
            }
            sorted.add(List.copyOf(l));
        }
        levels = List.copyOf(sorted);
    }

    public int depth() {
        return levels.size();
    }

    public int entryCount() {
        return levels.stream().mapToInt(List::size).sum();
    }

    public Ladder<Digest> toLadder() {
        List<LadderEntry<Digest>> entries = new ArrayList<>();
        for (int j = 1; j <= levels.size(); j++) {
            for (ManifestEntry e : levels.get(j - 1)) {
                entries.add(new LadderEntry<>(e.digest(), e.pkg(), e.version(), j, e.sizeBytes()));
            }
        }
        return Ladder.of(profile, levels.size(), entries);
    }

    /** The published form of a ladder built from support counts. */
    public static ProfileLevels of(Ladder<Digest> ladder, long population) {
        List<List<ManifestEntry>> levels = new ArrayList<>();
        for (int j = 1; j <= ladder.depth(); j++) {
            levels.add(new ArrayList<>());
        }
        for (LadderEntry<Digest> e : ladder.entries()) {
            levels.get(e.level() - 1).add(new ManifestEntry(e.blob(), e.pkg(), e.version(), e.sizeBytes()));
        }
        return new ProfileLevels(ladder.name(), population, levels);
    }
}
