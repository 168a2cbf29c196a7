package io.intinode.node.privacy;

import java.util.Set;

/**
 * What a host announces and fetches.
 *
 * @param global the set to announce on the DHT (a ladder level, shared instance: do not copy)
 * @param lanOnly the set to announce to LAN peers only, never on the DHT
 * @param fetchFirst blobs to fetch before announcing (holes of the level, donation, office set)
 * @param level the level announced globally ({@link LevelRef#NONE} for none or for mode all)
 */
public record SharePlan<K>(Set<K> global, Set<K> lanOnly, Set<K> fetchFirst, LevelRef level) {
    public static <K> SharePlan<K> nothing() {
        return new SharePlan<>(Set.of(), Set.of(), Set.of(), LevelRef.NONE);
    }
}
