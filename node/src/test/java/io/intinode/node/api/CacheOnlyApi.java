package io.intinode.node.api;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The API over a real store; the peer-to-peer parts answer as a node without peers. */
public class CacheOnlyApi implements NodeApi {
    protected final FileBlobStore store;

    public CacheOnlyApi(FileBlobStore store) {
        this.store = store;
    }

    @Override
    public Status status() {
        return new Status("12D3test", List.of(), "/test/kad", 0, 0, store.usedBytes(), "/data");
    }

    @Override
    public Peers peers() {
        return new Peers(0, List.of());
    }

    @Override
    public List<Peer> providers(Digest digest, int max, Duration timeout) {
        return List.of();
    }

    @Override
    public int provide(Digest digest) {
        return 0;
    }

    @Override
    public Optional<Peer> findPeer(String peerId, Duration timeout) {
        return Optional.empty();
    }

    @Override
    public Optional<BlobHandle> blob(Digest digest, long size, List<String> urls, boolean shareable) {
        return store.open(digest);
    }

    @Override
    public Added add(InputStream body, Optional<Digest> digest, long size) {
        try {
            var blob = store.ingest(body, new BlobStore.Expected(digest.orElse(null), size), Origin.LOCAL);
            return new Added(blob.digest().toString(), blob.size());
        } catch (BlobMismatchException e) {
            throw new ApiException(422, e.getMessage());
        }
    }

    @Override
    public boolean sharing() {
        return false;
    }

    @Override
    public void setSharing(boolean on) {
        throw new ApiException(409, "this test node cannot share");
    }

    @Override
    public io.intinode.node.share.ShareStatus shareStatus() {
        return new io.intinode.node.share.ShareStatus("off", "", "none", false, 0, 0, 0, 0, 0, null, List.of(),
                List.of(), 0);
    }

    @Override
    public String metrics() {
        return "# TYPE test_metric gauge\ntest_metric 1\n";
    }

    @Override
    public CacheMaintenance cache() {
        return new CacheMaintenance(store);
    }
}
