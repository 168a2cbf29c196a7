package io.intinode.transfer;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.store.file.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

/** Test helpers: digests of test content, a real store in a temp dir, and what it holds. */
public final class TestBlobs {
    private TestBlobs() {}

    public static Digest sha256(byte[] content) {
        return Digest.of(Sha256.newDigest().digest(content));
    }

    public static FileBlobStore openStore(Path dir) {
        return FileBlobStore.openWithoutQuota(dir, StoreConfig.DEFAULTS, InstantSource.system());
    }

    /** The committed content of a blob, if the store has it. */
    public static Optional<byte[]> bytes(BlobStore store, Digest digest) {
        Optional<BlobHandle> handle = store.open(digest);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        try (BlobHandle h = handle.get()) {
            return Optional.of(Files.readAllBytes(h.path()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
