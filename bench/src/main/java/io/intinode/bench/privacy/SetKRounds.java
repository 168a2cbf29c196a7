package io.intinode.bench.privacy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * setk(k), suppression only: each host's ladder C_h(j) = its candidates with estimate >= τ_j,
 * τ_j = max(k, n/2^j). Round 1 takes the deepest j whose intent token (j, C_h(j)) is shared by k
 * hosts; later rounds step hosts whose announced set is shared by fewer than k down one level.
 */
final class SetKRounds {
    private static final int MAX_ROUNDS = 1000;

    private SetKRounds() {}

    static Announcements run(Population pop, Estimates est, int k) {
        int n = pop.participants();
        int depth = 1;
        while (Math.max(k, n / Math.pow(2, depth)) > k) {
            depth++;
        }
        int hosts = pop.hosts();
        IntSetKey[][] ladder = new IntSetKey[hosts][];
        Map<Object, Integer> tokens = new HashMap<>();
        for (int h = 0; h < hosts; h++) {
            if (!pop.participant[h]) {
                continue;
            }
            int[] cand = FilterPolicies.candidates(pop, h, est, k);
            ladder[h] = new IntSetKey[depth + 1];
            for (int j = 0; j <= depth; j++) {
                double tau = j == 0 ? Double.POSITIVE_INFINITY : Math.max(k, n / Math.pow(2, j));
                ladder[h][j] = IntSetKey.of(Arrays.stream(cand).filter(i -> est.total(i) >= tau).toArray());
                tokens.merge(new Token(j, ladder[h][j]), 1, Integer::sum);
            }
        }
        int[] level = new int[hosts];
        for (int h = 0; h < hosts; h++) {
            if (ladder[h] != null) {
                for (int j = depth; j >= 1 && level[h] == 0; j--) {
                    if (tokens.get(new Token(j, ladder[h][j])) >= k) {
                        level[h] = j;
                    }
                }
            }
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<IntSetKey, Integer> shared = new HashMap<>();
            for (int h = 0; h < hosts; h++) {
                if (ladder[h] != null) {
                    shared.merge(ladder[h][level[h]], 1, Integer::sum);
                }
            }
            boolean changed = false;
            for (int h = 0; h < hosts; h++) {
                if (ladder[h] != null && level[h] > 0 && shared.get(ladder[h][level[h]]) < k) {
                    level[h]--;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int[][] global = new int[hosts][];
        for (int h = 0; h < hosts; h++) {
            global[h] = ladder[h] == null ? Announcements.EMPTY : ladder[h][level[h]].items();
        }
        return Announcements.globalOnly(pop, global);
    }

    private record Token(int level, IntSetKey set) {}
}
