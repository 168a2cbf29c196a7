package io.intinode.node.share;

import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.ManifestCodec;
import io.intinode.node.privacy.canon.ManifestException;
import io.intinode.node.privacy.canon.ManifestSigner;
import io.intinode.node.privacy.canon.PublisherKey;
import io.intinode.store.BlobHandle;
import io.intinode.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Set;

/**
 * Loads a manifest: fetched as a blob through the normal resolver (so it is verified against its digest like
 * any blob), then parsed and its signature checked against the trusted publisher keys. The last verified
 * manifest is kept, so a round does not re-parse it.
 */
public final class ManifestSource {
    private final BlobStore store;
    private final ShareService.Fetcher fetcher;
    private final Set<PublisherKey> trusted;
    private ManifestRef loadedRef;
    private CanonManifest loaded;

    public ManifestSource(BlobStore store, ShareService.Fetcher fetcher, Set<PublisherKey> trusted) {
        this.store = store;
        this.fetcher = fetcher;
        this.trusted = Set.copyOf(trusted);
    }

    /** @throws ManifestException when it cannot be fetched, is malformed, or is not signed by a trusted key */
    public synchronized CanonManifest load(ManifestRef ref) {
        if (ref.equals(loadedRef)) {
            return loaded;
        }
        if (trusted.isEmpty()) {
            throw new ManifestException("no trusted publisher key configured (share-publisher-key)");
        }
        if (!store.has(ref.digest())) {
            try {
                fetcher.fetch(ref.digest(), BlobStore.Expected.UNKNOWN_SIZE, ref.urls());
            } catch (RuntimeException e) {
                throw new ManifestException("cannot fetch manifest " + ref.digest() + ": " + e.getMessage(), e);
            }
        }
        CanonManifest m = ManifestSigner.verify(ManifestCodec.decode(read(ref)), trusted);
        loadedRef = ref;
        loaded = m;
        return m;
    }

    private byte[] read(ManifestRef ref) {
        try (BlobHandle h = store.open(ref.digest())
                .orElseThrow(() -> new ManifestException("manifest " + ref.digest() + " left the cache"));
                InputStream in = Channels.newInputStream(h.channel())) {
            if (h.size() > ManifestCodec.MAX_MANIFEST_BYTES) {
                throw new ManifestException("manifest " + ref.digest() + " is " + h.size() + " bytes, at most "
                        + ManifestCodec.MAX_MANIFEST_BYTES);
            }
            return in.readNBytes(ManifestCodec.MAX_MANIFEST_BYTES);
        } catch (IOException e) {
            throw new ManifestException("cannot read manifest " + ref.digest() + ": " + e.getMessage(), e);
        }
    }
}
