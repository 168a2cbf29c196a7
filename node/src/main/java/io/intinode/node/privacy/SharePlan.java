package io.intinode.node.privacy;

import java.util.Set;

/**
 * What a host announces and fetches.
 *
 * @param global the set to announce on the DHT (a ladder level, shared instance: do not copy)
 * @param lanOnly the set to announce to LAN peers only, never on the DHT
 * @param fetchFirst blobs to fetch before announcing (holes of the level, donation, office set)
 * @param level the level announced globally ({@link LevelRef#NONE} for none or for mode all)
 * @param standingIn the host qualifies for a level but announces nothing to keep a lone empty LAN peer
 *     company ({@link LanView}); it decides afresh next round rather than treating nothing as final
 */
public record SharePlan<K>(Set<K> global, Set<K> lanOnly, Set<K> fetchFirst, LevelRef level, boolean standingIn) {
    private static final SharePlan<?> NOTHING = new SharePlan<>(Set.of(), Set.of(), Set.of(), LevelRef.NONE, false);
    private static final SharePlan<?> STAND_IN = new SharePlan<>(Set.of(), Set.of(), Set.of(), LevelRef.NONE, true);

    @SuppressWarnings("unchecked")
    public static <K> SharePlan<K> nothing() {
        return (SharePlan<K>) NOTHING;
    }

    @SuppressWarnings("unchecked")
    static <K> SharePlan<K> standIn() {
        return (SharePlan<K>) STAND_IN;
    }
}
