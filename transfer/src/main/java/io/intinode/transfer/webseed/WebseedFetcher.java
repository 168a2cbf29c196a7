package io.intinode.transfer.webseed;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreException;
import io.intinode.transfer.download.PartialArea;
import io.intinode.transfer.download.SequentialPartial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fetches a blob from its webseed URLs (http, https) into the store, trying the URLs in order. The
 * store checks size and SHA-256 while it writes, so nothing unverified ever enters the cache; a URL
 * that serves wrong, too many or too few bytes is reported and the next one is tried. Closing it ends the
 * fetches in flight at once (their unverified bytes are dropped); so does interrupting a fetch's thread.
 */
public final class WebseedFetcher implements AutoCloseable {
    private static final Set<String> SCHEMES = Set.of("http", "https");
    /** How long close waits for the cancelled exchanges to wind down. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final int COPY_BUFFER_BYTES = 64 << 10;
    /** Why a fetch cut short by {@link #close} failed. */
    static final String STOPPED = "the fetcher was closed (stopping)";

    private final BlobStore store;
    private final WebseedConfig config;
    private final InstantSource clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final PartialArea partials;
    private volatile boolean closed;

    /** A fetcher that keeps no bytes of a fetch that does not finish. */
    public WebseedFetcher(BlobStore store, WebseedConfig config, InstantSource clock) {
        this(store, config, clock, null);
    }

    /** A fetcher that keeps the bytes of unfinished fetches in {@code partials}, to continue from them. */
    public WebseedFetcher(BlobStore store, WebseedConfig config, InstantSource clock, PartialArea partials) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.partials = partials;
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
            } else if (skip == null && (closed || Thread.currentThread().isInterrupted())) {
                skip = "not tried, " + (closed ? STOPPED : "interrupted");
            }
            if (skip != null) {
                failures.add(url + ": " + skip);
                String reason = skip;
                asUri(url).ifPresent(uri -> listener.urlFailed(uri, reason));
                continue;
            }
            URI uri = URI.create(url);
            try {
                return fetchFrom(uri, digest, size, deadline, listener);
            } catch (UrlFailure e) {
                failures.add(report(listener, uri, e.getMessage()));
            }
        }
        throw new WebseedException(digest, failures);
    }

    private BlobInfo fetchFrom(URI uri, Digest digest, long size, Instant deadline, WebseedListener listener) {
        // Twice at most: once from the bytes kept, once more from 0 if they made a wrong blob.
        for (int attempt = 1; ; attempt++) {
            // Nothing to keep of an empty blob; a blob already held: the store answers without reading the stream.
            Optional<SequentialPartial> opened = partials != null && size > 0 && !store.has(digest)
                    ? partials.tryOpenSequential(digest, size) : Optional.empty();
            if (opened.isEmpty()) {
                return streamed(uri, digest, size, deadline, listener);
            }
            try (SequentialPartial partial = opened.get()) {
                boolean resumed = partial.position() > 0;
                try {
                    return intoPartial(partial, uri, digest, size, deadline, listener);
                } catch (BlobMismatchException e) {
                    if (!resumed || attempt == 2) {
                        throw new UrlFailure("served wrong content: " + e.getMessage());
                    }
                    listener.urlFailed(uri, "the blob made with the bytes kept from before is wrong (" + e.getMessage()
                            + "); fetching it again from the start");
                }
            }
        }
    }

    /** Without a partial: the response streams into the store, which hashes as it writes. */
    private BlobInfo streamed(URI uri, Digest digest, long size, Instant deadline, WebseedListener listener) {
        try (RangeResumeStream in = new RangeResumeStream(client, uri, size, config, clock, deadline, listener,
                () -> closed)) {
            try {
                return store.ingest(in, BlobStore.Expected.of(digest, size), Origin.WEBSEED);
            } catch (BlobMismatchException e) {
                throw new UrlFailure("served wrong content: " + e.getMessage());
            } catch (StoreException | UncheckedIOException e) {
                throw new UrlFailure(in.failure() != null ? in.failure() : e.getMessage());
            }
        }
    }

    /** Continues the partial from where it stands, then hands it to the store, which hashes it whole. */
    private BlobInfo intoPartial(SequentialPartial partial, URI uri, Digest digest, long size, Instant deadline,
            WebseedListener listener) {
        if (partial.position() < size) {
            try (RangeResumeStream in = new RangeResumeStream(client, uri, size, config, clock, deadline, listener,
                    () -> closed, kept(partial, uri))) {
                try {
                    byte[] buffer = new byte[COPY_BUFFER_BYTES];
                    for (int n; (n = in.read(buffer, 0, buffer.length)) > 0; ) {
                        partial.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    throw new UrlFailure(in.failure() != null ? in.failure() : e.getMessage());
                } catch (UncheckedIOException e) {
                    throw new UrlFailure(e.getMessage());
                }
            }
        }
        try {
            return partial.commit(store, Origin.WEBSEED);
        } catch (BlobMismatchException e) {
            throw e; // the caller decides: the kept bytes or the server
        } catch (StoreException | UncheckedIOException e) {
            throw new UrlFailure(e.getMessage());
        }
    }

    /** The partial as the stream sees it: its validator is the one noted for this URL, if any. */
    private static RangeResumeStream.KeptBytes kept(SequentialPartial partial, URI uri) {
        return new RangeResumeStream.KeptBytes() {
            @Override
            public long position() {
                return partial.position();
            }

            @Override
            public Optional<String> validator() {
                return partial.note().flatMap(ResumeNote::parse).filter(n -> n.url().equals(uri.toString()))
                        .map(ResumeNote::validator);
            }

            @Override
            public void restart() {
                partial.restart();
            }

            @Override
            public void validated(String validator) {
                ResumeNote.of(uri.toString(), validator).ifPresent(n -> partial.note(n.encode()));
            }
        };
    }

    /** One URL did not deliver, for this reason; the next is tried. */
    private static final class UrlFailure extends RuntimeException {
        UrlFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    private static String report(WebseedListener listener, URI uri, String reason) {
        listener.urlFailed(uri, reason);
        return uri + ": " + reason;
    }

    private static Optional<URI> asUri(String url) {
        try {
            return Optional.of(new URI(url));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
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

    /** Cancels the exchanges in flight, whose fetches then fail at once, and refuses new ones. */
    @Override
    public void close() {
        closed = true;
        client.shutdownNow();
        try {
            client.awaitTermination(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
