package io.intinode.bench.privacy;

import java.util.Arrays;

/**
 * Which participants have each item in their set (holdings or announcements), as lazily built
 * bitsets, for co-holder and superset counts that stop as soon as the answer is known.
 */
final class HolderIndex {
    private final int participants;
    private final int words;
    private final int[][] members;
    private final long[][] bits;

    HolderIndex(Population pop, int[][] sets) {
        int[] index = new int[pop.hosts()];
        int p = 0;
        int[] sizes = new int[pop.items()];
        for (int h = 0; h < pop.hosts(); h++) {
            index[h] = pop.participant[h] ? p++ : -1;
            if (index[h] >= 0) {
                for (int item : sets[h]) {
                    sizes[item]++;
                }
            }
        }
        participants = p;
        words = (p + 63) >>> 6;
        members = new int[pop.items()][];
        for (int i = 0; i < sizes.length; i++) {
            members[i] = new int[sizes[i]];
        }
        int[] fill = new int[pop.items()];
        for (int h = 0; h < pop.hosts(); h++) {
            if (index[h] >= 0) {
                for (int item : sets[h]) {
                    members[item][fill[item]++] = index[h];
                }
            }
        }
        bits = new long[pop.items()][];
    }

    int participants() {
        return participants;
    }

    int count(int item) {
        return members[item].length;
    }

    /** Participants having both items, counted only up to {@code stopAt}. */
    int coCount(int a, int b, int stopAt) {
        long[] x = bits(a);
        long[] y = bits(b);
        int c = 0;
        for (int w = 0; w < words && c < stopAt; w++) {
            c += Long.bitCount(x[w] & y[w]);
        }
        return c;
    }

    /**
     * Participants whose set contains all of {@code set}; exact when at least {@code below},
     * otherwise some value below it.
     */
    int supersetCount(int[] set, int below) {
        if (set.length == 0) {
            return participants;
        }
        int[] order = set.clone();
        int rarest = order[0];
        for (int item : order) {
            if (count(item) < count(rarest)) {
                rarest = item;
            }
        }
        if (count(rarest) < below) {
            return count(rarest);
        }
        long[] acc = bits(rarest).clone();
        int c = count(rarest);
        for (int item : order) {
            if (item == rarest) {
                continue;
            }
            long[] b = bits(item);
            c = 0;
            for (int w = 0; w < words; w++) {
                acc[w] &= b[w];
                c += Long.bitCount(acc[w]);
            }
            if (c < below) {
                return c;
            }
        }
        return c;
    }

    private long[] bits(int item) {
        long[] b = bits[item];
        if (b == null) {
            b = new long[words];
            for (int m : members[item]) {
                b[m >>> 6] |= 1L << m;
            }
            bits[item] = b;
        }
        return b;
    }

    static boolean contains(int[] sortedSet, int item) {
        return Arrays.binarySearch(sortedSet, item) >= 0;
    }
}
