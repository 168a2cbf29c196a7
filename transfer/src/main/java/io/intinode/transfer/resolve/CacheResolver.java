package io.intinode.transfer.resolve;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import java.util.Optional;

/** The first stage: the blob is already in the local store. */
public final class CacheResolver implements BlobResolver {
    private final BlobStore store;

    public CacheResolver(BlobStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public BlobInfo resolve(Chain chain) {
        ResolveRequest request = chain.request();
        Optional<BlobInfo> info = store.info(request.digest());
        if (info.isEmpty()) {
            return chain.proceed();
        }
        if (request.size() >= 0 && info.get().size() != request.size()) {
            return chain.proceedAfterFailure("cached blob has " + info.get().size() + " bytes, expected "
                    + request.size());
        }
        chain.listener().resolved(name(), info.get());
        return info.get();
    }
}
