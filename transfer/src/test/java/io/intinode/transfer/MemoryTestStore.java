package io.intinode.transfer;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/** A verifying in-memory BlobStore for transfer tests, until the store module has its own. */
public final class MemoryTestStore implements BlobStore {
    private final Map<Digest, byte[]> blobs = new ConcurrentSkipListMap<>();

    public Optional<byte[]> bytes(Digest digest) {
        return Optional.ofNullable(blobs.get(digest));
    }

    public static Digest sha256(byte[] content) {
        try {
            return Digest.of(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean has(Digest digest) {
        return blobs.containsKey(digest);
    }

    @Override
    public Optional<BlobInfo> info(Digest digest) {
        return bytes(digest).map(b -> info(digest, b));
    }

    @Override
    public BlobInfo ingest(InputStream in, Expected expected, Origin origin) {
        if (expected.digest() != null && has(expected.digest())) {
            return info(expected.digest()).orElseThrow();
        }
        byte[] content;
        try {
            content = expected.size() >= 0 ? in.readNBytes((int) expected.size() + 1) : in.readAllBytes();
        } catch (IOException e) {
            throw new StoreException("ingest failed: " + e.getMessage(), e);
        }
        if (expected.size() >= 0 && content.length != expected.size()) {
            throw new BlobMismatchException("size", Long.toString(expected.size()), Long.toString(content.length));
        }
        Digest actual = sha256(content);
        if (expected.digest() != null && !expected.digest().equals(actual)) {
            throw new BlobMismatchException("SHA-256", expected.digest().toString(), actual.toString());
        }
        blobs.put(actual, content);
        return info(actual, content);
    }

    @Override
    public BlobInfo ingest(Path file, Expected expected, Origin origin) {
        try (InputStream in = Files.newInputStream(file)) {
            return ingest(in, expected, origin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<BlobHandle> open(Digest digest) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Stream<BlobInfo> list() {
        return blobs.entrySet().stream().map(e -> info(e.getKey(), e.getValue()));
    }

    @Override
    public boolean remove(Digest digest) {
        return blobs.remove(digest) != null;
    }

    @Override
    public void setPinned(Digest digest, boolean pinned) {}

    @Override
    public void setShareable(Digest digest, boolean shareable) {}

    @Override
    public void addListener(io.intinode.store.StoreListener listener) {}

    @Override
    public long usedBytes() {
        return blobs.values().stream().mapToLong(b -> b.length).sum();
    }

    @Override
    public void close() {}

    private static BlobInfo info(Digest digest, byte[] content) {
        Instant now = Instant.EPOCH;
        return new BlobInfo(digest, content.length, now, now, 0, false, true, Origin.WEBSEED);
    }
}
