package io.intinode.bench.privacy;

import java.util.Arrays;

/** A growable list of ints (the simulation holds millions; boxing them would dominate its cost). */
final class IntList {
    private int[] a = new int[8];
    private int size;

    void add(int v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, size * 2);
        }
        a[size++] = v;
    }

    int get(int i) {
        return a[i];
    }

    int size() {
        return size;
    }

    int[] toSortedArray() {
        int[] out = Arrays.copyOf(a, size);
        Arrays.sort(out);
        return out;
    }

    int[] toArray() {
        return Arrays.copyOf(a, size);
    }
}
