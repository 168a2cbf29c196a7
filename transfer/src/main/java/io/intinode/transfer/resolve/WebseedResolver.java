package io.intinode.transfer.resolve;

import io.intinode.store.BlobInfo;
import io.intinode.transfer.webseed.WebseedException;
import io.intinode.transfer.webseed.WebseedFetcher;
import io.intinode.transfer.webseed.WebseedListener;
import java.net.URI;

/** The last stage: the request's webseed URLs, in order. */
public final class WebseedResolver implements BlobResolver {
    private final WebseedFetcher fetcher;

    public WebseedResolver(WebseedFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public String name() {
        return "webseed";
    }

    @Override
    public BlobInfo resolve(Chain chain) {
        ResolveRequest request = chain.request();
        if (request.urls().isEmpty()) {
            return chain.proceed();
        }
        WebseedListener progress = new WebseedListener() {
            @Override
            public void bytesReceived(URI uri, long count) {
                chain.listener().bytes(name(), count);
            }
        };
        try {
            BlobInfo info = fetcher.fetch(request.digest(), request.size(), request.urls(), progress);
            chain.listener().resolved(name(), info);
            return info;
        } catch (WebseedException e) {
            return chain.proceedAfterFailure(String.join("; ", e.failures()));
        }
    }
}
