package io.intinode.fuse.fs;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.transfer.resolve.ResolveListener;
import io.intinode.transfer.resolve.ResolveRequest;
import io.intinode.transfer.resolve.ResolverChain;
import io.intinode.transfer.stub.Stub;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Content from the local store, filled through a resolver chain (cache, then the stub's URLs). */
public final class ResolverBlobSource implements BlobSource {
    private static final Logger log = LoggerFactory.getLogger(ResolverBlobSource.class);

    private final BlobStore store;
    private final ResolverChain chain;

    public ResolverBlobSource(BlobStore store, ResolverChain chain) {
        this.store = store;
        this.chain = chain;
    }

    @Override
    public Optional<BlobHandle> openCached(Digest digest) {
        return store.open(digest);
    }

    @Override
    public void fetch(Stub stub) {
        chain.resolve(new ResolveRequest(stub.digest(), stub.size(), stub.urls()), new ResolveListener() {
            @Override
            public void failed(String source, String reason) {
                log.info("{}: {} could not deliver: {}", stub.digest(), source, reason);
            }

            @Override
            public void resolved(String source, BlobInfo blob) {
                log.info("{}: {} bytes from {}", blob.digest(), blob.size(), source);
            }
        });
    }
}
