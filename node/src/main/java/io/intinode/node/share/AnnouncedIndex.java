package io.intinode.node.share;

import io.intinode.store.Digest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this host has announced, and to whom: the only blobs the blob server may serve or confirm. Kept in
 * memory and asked before the store, so a blob held but not announced takes the same path as one never held
 * (probing resistance). A blob enters when its announcement is decided, never merely because it was fetched.
 */
public final class AnnouncedIndex {
    /** Who may learn of a blob. */
    public enum Scope {
        /** Announced on the DHT: anyone may ask. */
        GLOBAL,
        /** Announced to LAN peers only (the office set): never served to a peer outside the LAN. */
        LAN
    }

    private final Set<Digest> global = ConcurrentHashMap.newKeySet();
    private final Set<Digest> lan = ConcurrentHashMap.newKeySet();

    public void add(Digest digest, Scope scope) {
        set(scope).add(digest);
    }

    /** Withdraws the blob from every scope. */
    public void remove(Digest digest) {
        global.remove(digest);
        lan.remove(digest);
    }

    public void clear() {
        global.clear();
        lan.clear();
    }

    /** Makes one scope exactly {@code blobs}: withdrawals first, so nothing leaving is served meanwhile. */
    public void replace(Scope scope, Set<Digest> blobs) {
        Set<Digest> s = set(scope);
        s.retainAll(blobs);
        s.addAll(blobs);
    }

    /** Whether a peer (on the LAN or not) may be served this blob. */
    public boolean mayServe(Digest digest, boolean lanPeer) {
        return global.contains(digest) || (lanPeer && lan.contains(digest));
    }

    public int size(Scope scope) {
        return set(scope).size();
    }

    /** A copy of one scope. */
    public Set<Digest> snapshot(Scope scope) {
        return Set.copyOf(set(scope));
    }

    private Set<Digest> set(Scope scope) {
        return scope == Scope.GLOBAL ? global : lan;
    }
}
