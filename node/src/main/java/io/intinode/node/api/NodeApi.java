package io.intinode.node.api;

import io.intinode.node.share.ShareStatus;
import io.intinode.store.BlobHandle;
import io.intinode.store.BlobInfo;
import io.intinode.store.Digest;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the local API asks of the running node; {@link ApiHandler} maps HTTP onto it. Results are plain
 * records that serialise to the JSON the API documents. Methods block; the handler calls them on virtual threads.
 */
public interface NodeApi {
    Status status();

    Peers peers();

    /** Providers found on the DHT within the timeout, at most {@code max}. */
    List<Peer> providers(Digest digest, int max, Duration timeout) throws InterruptedException;

    /** Announces the blob on the DHT; returns how many peers stored the record. */
    int provide(Digest digest) throws InterruptedException;

    Optional<Peer> findPeer(String peerId, Duration timeout) throws InterruptedException;

    /**
     * Opens the blob from the cache, first resolving it through the node's resolver chain (LAN peers, DHT
     * providers, then these webseed URLs) when it is missing. Empty when no source had it. A blob fetched here
     * becomes shareable unless {@code shareable} is false (its stub said {@code "share":false}). With its size
     * known (else -1), a fetch from a webseed cut short by a stop or a crash continues after the restart.
     */
    Optional<BlobHandle> blob(Digest digest, long size, List<String> urls, boolean shareable);

    /**
     * Adds the bytes read from {@code body} to the cache through the store's verified ingest, checked against the
     * digest and size when given ({@code size} -1: unknown). The body is read but not closed.
     *
     * @throws ApiException 422 when the bytes do not match, nothing then stored
     */
    Added add(InputStream body, Optional<Digest> digest, long size);

    /** Whether the node announces its shareable blobs on the DHT. */
    boolean sharing();

    /** Switches sharing on (the configured share-mode, else all) or off (withdraw everything). */
    void setSharing(boolean on);

    /** Sharing in detail: mode, level, class counts, donor usage, seeding gates. */
    ShareStatus shareStatus();

    /** The metrics in Prometheus text exposition format 0.0.4. */
    String metrics();

    /** The cache the node holds, for the {@code cache} endpoints (list, pin, gc, verify). */
    CacheMaintenance cache();

    record Status(String peerId, List<String> listen, String dhtProtocol, int routingTable, int connections,
            long cacheBytes, String dataDir) {}

    /** A blob now in the cache. */
    record Added(String digest, long size) {}

    record Peer(String peer, boolean lan, List<String> addrs) {}

    record Peers(int routingTable, List<Peer> connected) {}

    /** One cached blob; times in ISO-8601, origin in lower case. */
    record CacheEntry(String digest, long size, String added, String lastAccess, long accessCount, boolean pinned,
            boolean shareable, String origin) {
        public static CacheEntry of(BlobInfo b) {
            return new CacheEntry(b.digest().toString(), b.size(), b.added().toString(), b.lastAccess().toString(),
                    b.accessCount(), b.pinned(), b.shareable(), b.origin().name().toLowerCase(Locale.ROOT));
        }
    }

    record CacheListing(long usedBytes, long quotaBytes, List<CacheEntry> blobs) {}

    record GcReport(int removed, long freedBytes, long usedBytes, long quotaBytes) {}

    /** A blob whose bytes hash to {@code actual}, not to its name, now in {@code movedTo}. */
    record Damaged(String digest, String actual, String movedTo) {}

    record VerifyResult(int checked, long bytes, List<Damaged> damaged) {}
}
