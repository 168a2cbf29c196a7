package io.intinode.transfer.resolve;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a blob by asking stages in order until one delivers it, verified, into the store. The chain
 * is immutable and may be shared; each call to {@link #resolve} walks it afresh.
 */
public final class ResolverChain {
    private final List<BlobResolver> stages;

    public ResolverChain(List<BlobResolver> stages) {
        this.stages = List.copyOf(stages);
    }

    /** The order of the sources, all in one place. LAN and DHT peer stages go between these two. */
    public static ResolverChain standard(BlobStore store, WebseedFetcher webseed) {
        return new ResolverChain(List.of(
                new CacheResolver(store),
                new WebseedResolver(webseed)));
    }

    public List<String> stageNames() {
        return stages.stream().map(BlobResolver::name).toList();
    }

    /**
     * Returns the blob's index entry once it is in the store.
     *
     * @throws BlobNotFoundException when no stage delivered, naming what each tried
     */
    public BlobInfo resolve(ResolveRequest request, ResolveListener listener) {
        return new Walk(request, listener, 0, new ArrayList<>()).proceed();
    }

    /** One resolution's position in the chain; the list of reasons is shared along one walk. */
    private final class Walk implements BlobResolver.Chain {
        private final ResolveRequest request;
        private final ResolveListener listener;
        private final int index;
        private final List<String> reasons;

        Walk(ResolveRequest request, ResolveListener listener, int index, List<String> reasons) {
            this.request = request;
            this.listener = listener;
            this.index = index;
            this.reasons = reasons;
        }

        @Override
        public ResolveRequest request() {
            return request;
        }

        @Override
        public ResolveListener listener() {
            return listener;
        }

        @Override
        public BlobInfo proceedAfterFailure(String reason) {
            String stage = stages.get(index - 1).name();
            reasons.add(stage + ": " + reason);
            listener.failed(stage, reason);
            return proceed();
        }

        @Override
        public BlobInfo proceed() {
            if (index == stages.size()) {
                throw new BlobNotFoundException(request.digest(), reasons);
            }
            BlobResolver stage = stages.get(index);
            return stage.resolve(new Walk(request, listener, index + 1, reasons));
        }
    }
}
