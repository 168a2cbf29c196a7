package io.intinode.node.share;

import io.intinode.store.Digest;
import java.util.Set;

/**
 * What this host should announce right now.
 *
 * @param provided keys to hold provider records for on the DHT: blobs and level markers
 * @param servableGlobal blobs the blob server may serve to any peer (the announced level, even before its blob
 *     records are provided: the level's marker already claims them)
 * @param servableLan blobs it may serve to LAN peers only (the office set), never provided on the DHT
 * @param whole each scope is announced whole or not at all (a canonical level, an office set): a level less
 *     one blob would be a set of its own, so losing one blob withdraws its whole scope
 */
public record ShareTarget(Set<Digest> provided, Set<Digest> servableGlobal, Set<Digest> servableLan, boolean whole) {
    public static final ShareTarget NOTHING = new ShareTarget(Set.of(), Set.of(), Set.of(), false);

    public ShareTarget {
        provided = Set.copyOf(provided);
        servableGlobal = Set.copyOf(servableGlobal);
        servableLan = Set.copyOf(servableLan);
    }

    /** Every blob provided and served to anyone (mode {@code all}). */
    public static ShareTarget everywhere(Set<Digest> blobs) {
        return new ShareTarget(blobs, blobs, Set.of(), false);
    }

    /** A canonical level (with its marker among {@code provided}) and an office set, each whole or nothing. */
    public static ShareTarget level(Set<Digest> provided, Set<Digest> global, Set<Digest> lan) {
        return new ShareTarget(provided, global, lan, true);
    }
}
