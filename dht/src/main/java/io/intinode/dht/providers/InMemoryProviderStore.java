package io.intinode.dht.providers;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link ProviderStore} in memory, for tests and nodes that need no persistence. */
public final class InMemoryProviderStore implements ProviderStore {
    private record Entry(PeerInfo provider, Instant expires) {}

    private final ProviderConfig config;
    private final Map<Key, LinkedHashMap<PeerId, Entry>> byKey = new HashMap<>();
    private final ProviderCounts counts = new ProviderCounts();

    public InMemoryProviderStore(ProviderConfig config) {
        this.config = config;
    }

    @Override
    public synchronized Added add(Key key, PeerInfo provider, Instant now) {
        LinkedHashMap<PeerId, Entry> entries = byKey.computeIfAbsent(key, k -> new LinkedHashMap<>());
        Entry fresh = new Entry(provider, now.plus(config.recordTtl()));
        if (entries.containsKey(provider.id())) {
            entries.put(provider.id(), fresh);
            return Added.REFRESHED;
        }
        Added refusal = counts.refusal(entries.size(), provider.id(), config);
        if (refusal != null) {
            return refusal;
        }
        entries.put(provider.id(), fresh);
        counts.added(provider.id());
        return Added.NEW;
    }

    @Override
    public synchronized List<PeerInfo> get(Key key, Instant now, int max) {
        List<PeerInfo> out = new ArrayList<>();
        for (Entry e : byKey.getOrDefault(key, new LinkedHashMap<>()).values()) {
            if (out.size() == max) {
                break;
            }
            if (e.expires().isAfter(now)) {
                out.add(e.provider());
            }
        }
        return out;
    }

    @Override
    public synchronized void remove(Key key, PeerId provider) {
        LinkedHashMap<PeerId, Entry> entries = byKey.get(key);
        if (entries != null && entries.remove(provider) != null) {
            counts.removed(provider);
            if (entries.isEmpty()) {
                byKey.remove(key);
            }
        }
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int purged = 0;
        for (Iterator<LinkedHashMap<PeerId, Entry>> keys = byKey.values().iterator(); keys.hasNext(); ) {
            LinkedHashMap<PeerId, Entry> entries = keys.next();
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (!e.expires().isAfter(now)) {
                    it.remove();
                    counts.removed(e.provider().id());
                    purged++;
                }
            }
            if (entries.isEmpty()) {
                keys.remove();
            }
        }
        return purged;
    }

    @Override
    public synchronized long size() {
        return counts.total();
    }

    @Override
    public void close() {}
}
