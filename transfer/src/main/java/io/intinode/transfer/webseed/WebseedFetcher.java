package io.intinode.transfer.webseed;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fetches a blob from its webseed URLs (http, https) into the store, trying the URLs in order. The
 * store checks size and SHA-256 while it writes, so nothing unverified ever enters the cache; a URL
 * that serves wrong, too many or too few bytes is reported and the next one is tried.
 */
public final class WebseedFetcher implements AutoCloseable {
    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final BlobStore store;
    private final WebseedConfig config;
    private final InstantSource clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;

    public WebseedFetcher(BlobStore store, WebseedConfig config, InstantSource clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(executor)
                .build();
    }

    /** Whether this fetcher can use the URL at all (others are skipped with a reason). */
    public static boolean supports(String url) {
        return unsupportedReason(url) == null;
    }

    /**
     * Fetches the blob into the store and returns its index entry.
     *
     * @throws WebseedException naming every URL and why it failed, when none delivered
     */
    public BlobInfo fetch(Digest digest, long size, List<String> urls, WebseedListener listener) {
        Instant deadline = clock.instant().plus(config.deadline());
        List<String> failures = new ArrayList<>();
        for (String url : urls) {
            String skip = unsupportedReason(url);
            if (skip == null && !clock.instant().isBefore(deadline)) {
                skip = "not tried, deadline reached";
            }
            if (skip != null) {
                failures.add(url + ": " + skip);
                continue;
            }
            URI uri = URI.create(url);
            try (RangeResumeStream in = new RangeResumeStream(client, uri, size, config, clock, deadline, listener)) {
                try {
                    return store.ingest(in, BlobStore.Expected.of(digest, size), Origin.WEBSEED);
                } catch (BlobMismatchException e) {
                    failures.add(report(listener, uri, "served wrong content: " + e.getMessage()));
                } catch (StoreException | UncheckedIOException e) {
                    String reason = in.failure() != null ? in.failure() : e.getMessage();
                    failures.add(report(listener, uri, reason));
                }
            }
        }
        throw new WebseedException(digest, failures);
    }

    private static String report(WebseedListener listener, URI uri, String reason) {
        listener.urlFailed(uri, reason);
        return uri + ": " + reason;
    }

    private static String unsupportedReason(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "skipped, not a URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return "skipped, scheme '" + scheme + "' is not supported (only http and https)";
        }
        if (uri.getHost() == null) {
            return "skipped, no host";
        }
        return null;
    }

    @Override
    public void close() {
        client.close();
        executor.close();
    }
}
