package io.intinode.dht.providers;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import java.time.Instant;
import java.util.List;

/**
 * Provider records received through ADD_PROVIDER: who provides which blob key, until when. Implementations are
 * thread-safe, enforce the caps of their {@link ProviderConfig} and never return expired records.
 */
public interface ProviderStore extends AutoCloseable {
    /** What {@link #add} did. */
    enum Added { NEW, REFRESHED, KEY_FULL, PEER_FULL }

    /** Stores or refreshes {@code provider} for {@code key}, expiring one TTL after {@code now}. */
    Added add(Key key, PeerInfo provider, Instant now);

    /** Unexpired providers of {@code key}, at most {@code max}. */
    List<PeerInfo> get(Key key, Instant now, int max);

    void remove(Key key, PeerId provider);

    /** Deletes expired records and returns how many. */
    int purgeExpired(Instant now);

    /** Records stored, expired ones not yet purged included. */
    long size();

    @Override
    void close();
}
