package io.intinode.transfer.resolve;

import io.intinode.store.BlobInfo;

/**
 * One stage of the {@link ResolverChain}: it delivers the blob into the store, or hands the request
 * on with {@link Chain#proceed}. Stages are stateless and know nothing of their neighbours.
 */
public interface BlobResolver {
    /** Short name for listeners and errors, e.g. "cache", "webseed". */
    String name();

    BlobInfo resolve(Chain chain);

    /** The rest of the chain, as seen by one stage during one resolution. */
    interface Chain {
        ResolveRequest request();

        ResolveListener listener();

        /**
         * Notes why this stage could not deliver, for the final error, without asking the next stage
         * (for a stage that already started the rest of the chain in parallel).
         */
        void noteFailure(String reason);

        /** Notes why this stage could not deliver (for the final error), then asks the next stage. */
        BlobInfo proceedAfterFailure(String reason);

        /** Asks the next stage; after the last one, throws {@link BlobUnavailableException}. */
        BlobInfo proceed();
    }
}
