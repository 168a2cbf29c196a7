package io.intinode.bench.privacy;

/**
 * What each host announces under one policy. Rows are indexed by host; non-participants have
 * empty rows. Sets are sorted item arrays.
 *
 * @param global announced on the DHT (A_h)
 * @param lanOnly announced to the office only (the office set, less what A_h already holds)
 * @param heldAfter holdings after the policy's own fetches
 * @param fetched items fetched only to announce them
 * @param fetchedNew of those, items of packages the host held in no version (not an update it was due for)
 * @param donor hosts that donate cache space
 * @param standingIn hosts that qualify for a level but announce nothing to keep a lone empty coworker company
 */
record Announcements(int[][] global, int[][] lanOnly, int[][] heldAfter, int[] fetched, int[] fetchedNew,
        boolean[] donor, boolean[] standingIn) {
    static final int[] EMPTY = new int[0];

    int standingInCount() {
        int n = 0;
        for (boolean b : standingIn) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Announcements that fetch nothing and announce nothing on the LAN only. */
    static Announcements globalOnly(Population pop, int[][] global) {
        int n = pop.hosts();
        int[][] lan = new int[n][];
        java.util.Arrays.fill(lan, EMPTY);
        return new Announcements(global, lan, pop.holdings, new int[n], new int[n], new boolean[n], new boolean[n]);
    }
}
