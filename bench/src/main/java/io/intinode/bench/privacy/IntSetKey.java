package io.intinode.bench.privacy;

import java.util.Arrays;

/** A sorted item set as a hash key (anonymity sets are classes of identical announced sets). */
record IntSetKey(int[] items, int hash) {
    static IntSetKey of(int[] sortedItems) {
        return new IntSetKey(sortedItems, Arrays.hashCode(sortedItems));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntSetKey k && k.hash == hash && Arrays.equals(k.items, items);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(items);
    }
}
