package io.intinode.node.privacy.canon;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nested public sets C[0] = ∅ ⊂ C[1] ⊆ … ⊆ C[J] of one profile (or the donor ladder). Levels
 * whose sets are equal describe the same announcement; {@link #canonical} names each distinct set
 * by its deepest index so that hosts announcing the same set always name it the same way.
 */
public final class Ladder<K> {
    private final String name;
    private final List<LadderEntry<K>> entries;
    private final List<Set<K>> levels;
    private final long[] levelBytes;
    private final Map<K, Integer> levelOf;
    private final Map<String, Integer> firstLevelOfPackage;

    private Ladder(String name, int depth, List<LadderEntry<K>> entries) {
        this.name = name;
        List<LadderEntry<K>> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(LadderEntry::level));
        this.entries = List.copyOf(sorted);
        this.levelOf = new HashMap<>();
        this.firstLevelOfPackage = new HashMap<>();
        this.levels = new ArrayList<>(depth + 1);
        this.levelBytes = new long[depth + 1];
        levels.add(Set.of());
        int next = 0;
        long bytes = 0;
        for (int j = 1; j <= depth; j++) {
            for (; next < sorted.size() && sorted.get(next).level() == j; next++) {
                LadderEntry<K> e = sorted.get(next);
                if (levelOf.putIfAbsent(e.blob(), j) != null) {
                    throw new IllegalArgumentException("blob listed twice in ladder " + name + ": " + e.blob());
                }
                firstLevelOfPackage.merge(e.pkg(), j, Math::min);
                bytes += e.sizeBytes();
            }
            levels.add(new LevelView(j, next));
            levelBytes[j] = bytes;
        }
    }

    /**
     * C[j] as a view of the level-sorted entries (a copy per level would cost J times the ladder),
     * one instance per level, so that hosts announcing the same level share one set.
     */
    private final class LevelView extends AbstractSet<K> {
        private final int level;
        private final int size;

        LevelView(int level, int size) {
            this.level = level;
            this.size = size;
        }

        @Override
        public boolean contains(Object o) {
            Integer l = levelOf.get(o);
            return l != null && l <= level;
        }

        @Override
        public Iterator<K> iterator() {
            Iterator<LadderEntry<K>> it = entries.subList(0, size).iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public K next() {
                    return it.next().blob();
                }
            };
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** A ladder of {@code depth} levels; every entry's level must be in 1..depth. */
    public static <K> Ladder<K> of(String name, int depth, List<LadderEntry<K>> entries) {
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be >= 0: " + depth);
        }
        for (LadderEntry<K> e : entries) {
            if (e.level() > depth) {
                throw new IllegalArgumentException("entry level " + e.level() + " beyond ladder depth " + depth);
            }
        }
        return new Ladder<>(name, depth, entries);
    }

    /**
     * The donor ladder D[j] = ∪ C[b][j] over all profiles (a profile's last level stands for the
     * deeper ones, since its threshold stops at k). A blob in several profiles enters at its
     * shallowest level.
     */
    public static <K> Ladder<K> union(String name, List<Ladder<K>> ladders) {
        Map<K, LadderEntry<K>> byBlob = new HashMap<>();
        int depth = 0;
        for (Ladder<K> ladder : ladders) {
            depth = Math.max(depth, ladder.depth());
            for (LadderEntry<K> e : ladder.entries) {
                byBlob.merge(e.blob(), e, (a, b) -> a.level() <= b.level() ? a : b);
            }
        }
        return new Ladder<>(name, depth, new ArrayList<>(byBlob.values()));
    }

    public String name() {
        return name;
    }

    /** J, the number of levels (level 0, the empty set, not counted). */
    public int depth() {
        return levels.size() - 1;
    }

    /** C[j] for j in 0..depth (C[0] is empty). */
    public Set<K> level(int j) {
        return levels.get(j);
    }

    public int size(int j) {
        return levels.get(j).size();
    }

    /** Total bytes of C[j] (entries without a size count 0). */
    public long bytes(int j) {
        return levelBytes[j];
    }

    /** The first level containing {@code blob}, or 0 when the ladder does not list it. */
    public int levelOf(K blob) {
        return levelOf.getOrDefault(blob, 0);
    }

    /** The first level containing a blob of {@code pkg}, or 0 when none does. */
    public int firstLevelOfPackage(String pkg) {
        return firstLevelOfPackage.getOrDefault(pkg, 0);
    }

    /** The deepest index whose set equals C[j]; 0 for the empty set. */
    public int canonical(int j) {
        if (levels.get(j).isEmpty()) {
            return 0;
        }
        int c = j;
        while (c < depth() && levels.get(c + 1).size() == levels.get(j).size()) {
            c++;
        }
        return c;
    }

    /** The entries in level order. */
    public List<LadderEntry<K>> entries() {
        return entries;
    }
}
