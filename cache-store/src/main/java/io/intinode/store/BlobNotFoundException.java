package io.intinode.store;

/** The blob asked for is not in the store. */
public final class BlobNotFoundException extends StoreException {
    private final Digest digest;

    public BlobNotFoundException(Digest digest) {
        super("not in the cache: " + digest);
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
