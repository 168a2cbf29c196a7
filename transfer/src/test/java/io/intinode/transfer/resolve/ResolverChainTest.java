package io.intinode.transfer.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.TestBlobs;
import io.intinode.transfer.webseed.FaultServer;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverChainTest {
    private static final WebseedConfig CONFIG = new WebseedConfig(
            Duration.ofSeconds(10), Duration.ofSeconds(60), 2, 10, Duration.ofMillis(5), Duration.ofMillis(10));
    private final byte[] content = "resolver chain content".getBytes(StandardCharsets.UTF_8);
    private final Digest digest = TestBlobs.sha256(content);
    @TempDir Path storeDir;
    private FileBlobStore store;
    private final List<String> events = new ArrayList<>();
    private final ResolveListener listener = new ResolveListener() {
        @Override
        public void bytes(String source, long count) {
            events.add("bytes " + source + " " + count);
        }

        @Override
        public void failed(String source, String reason) {
            events.add("failed " + source + " " + reason);
        }

        @Override
        public void resolved(String source, BlobInfo blob) {
            events.add("resolved " + source);
        }
    };

    @BeforeEach
    void openStore() {
        store = TestBlobs.openStore(storeDir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void theStandardOrderIsCacheThenWebseed() {
        try (WebseedFetcher fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system())) {
            assertThat(ResolverChain.standard(store, fetcher).stageNames()).containsExactly("cache", "webseed");
        }
    }

    @Test
    void fetchesFromTheWebseedOnceThenServesFromTheCache() throws IOException {
        try (FaultServer server = new FaultServer();
                WebseedFetcher fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system())) {
            server.on("/blob", (ex, n) -> FaultServer.send(ex, 200, content));
            ResolverChain chain = ResolverChain.standard(store, fetcher);
            ResolveRequest request = new ResolveRequest(digest, content.length, List.of(server.url("/blob")));

            assertThat(chain.resolve(request, listener).digest()).isEqualTo(digest);
            assertThat(chain.resolve(request, listener).digest()).isEqualTo(digest);

            assertThat(server.requestsTo("/blob")).hasSize(1);
            assertThat(events).containsExactly("bytes webseed " + content.length, "resolved webseed", "resolved cache");
            assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        }
    }

    @Test
    void reportsWhatEveryStageTriedWhenNothingDelivers() throws IOException {
        try (FaultServer server = new FaultServer();
                WebseedFetcher fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system())) {
            server.on("/gone", (ex, n) -> FaultServer.send(ex, 404, new byte[0]));
            ResolveRequest request = new ResolveRequest(digest, content.length, List.of(server.url("/gone")));
            assertThatThrownBy(() -> ResolverChain.standard(store, fetcher).resolve(request, listener))
                    .isInstanceOf(BlobUnavailableException.class)
                    .hasMessage(digest + " not found: webseed: " + server.url("/gone") + ": HTTP 404");
            assertThat(events).containsExactly("failed webseed " + server.url("/gone") + ": HTTP 404");
        }
    }

    @Test
    void withoutUrlsAMissIsNotFound() {
        try (WebseedFetcher fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system())) {
            ResolveRequest request = new ResolveRequest(digest, -1, List.of());
            assertThatThrownBy(() -> ResolverChain.standard(store, fetcher).resolve(request, listener))
                    .hasMessage(digest + " not found in the cache and no URL to fetch it from");
        }
    }

    @Test
    void aStageBetweenCacheAndWebseedIsAskedInOrder() {
        BlobResolver peers = new BlobResolver() {
            @Override
            public String name() {
                return "lan";
            }

            @Override
            public BlobInfo resolve(Chain chain) {
                BlobInfo info = store.ingest(new ByteArrayInputStream(content),
                        BlobStore.Expected.of(chain.request().digest(), chain.request().size()), Origin.LAN_PEER);
                chain.listener().resolved(name(), info);
                return info;
            }
        };
        BlobResolver failing = new BlobResolver() {
            @Override
            public String name() {
                return "dht";
            }

            @Override
            public BlobInfo resolve(Chain chain) {
                return chain.proceedAfterFailure("no providers");
            }
        };
        ResolverChain chain = new ResolverChain(List.of(new CacheResolver(store), failing, peers));
        chain.resolve(new ResolveRequest(digest, content.length, List.of()), listener);
        assertThat(events).containsExactly("failed dht no providers", "resolved lan");
        assertThat(store.has(digest)).isTrue();
    }

    /** A stage that holds every walk until released, then delivers the blob only to a request with URLs. */
    private final class GatedStage implements BlobResolver {
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger walks = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String name() {
            return "gated";
        }

        @Override
        public BlobInfo resolve(Chain chain) {
            walks.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (chain.request().urls().isEmpty()) {
                return chain.proceedAfterFailure("nothing without a URL");
            }
            return store.ingest(new ByteArrayInputStream(content), BlobStore.Expected.of(digest, content.length),
                    Origin.WEBSEED);
        }
    }

    /** Runs a resolve on its own thread and waits until it blocks (in the stage, or waiting for another walk). */
    private static java.util.concurrent.FutureTask<BlobInfo> blocked(ResolverChain chain, ResolveRequest request)
            throws InterruptedException {
        java.util.concurrent.FutureTask<BlobInfo> task = new java.util.concurrent.FutureTask<>(
                () -> chain.resolve(request, ResolveListener.NONE));
        Thread t = new Thread(task);
        t.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (t.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("resolve did not block").isLessThan(deadline);
            Thread.sleep(1); // polling interval of a bounded wait on a condition
        }
        return task;
    }

    @Test
    void callersOfOneDigestShareOneWalk() throws Exception {
        GatedStage stage = new GatedStage();
        ResolverChain chain = new ResolverChain(List.of(new CacheResolver(store), stage));
        ResolveRequest request = new ResolveRequest(digest, content.length, List.of("https://w/blob"));
        var first = blocked(chain, request);
        var second = blocked(chain, request);
        stage.release.countDown();
        assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS).digest()).isEqualTo(digest);
        assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS).digest()).isEqualTo(digest);
        assertThat(stage.walks.get()).isEqualTo(1);
    }

    @Test
    void aCallerWithUrlsTheFailedWalkLackedWalksAgain() throws Exception {
        GatedStage stage = new GatedStage();
        ResolverChain chain = new ResolverChain(List.of(new CacheResolver(store), stage));
        var withoutUrls = blocked(chain, new ResolveRequest(digest, content.length, List.of()));
        var withUrls = blocked(chain, new ResolveRequest(digest, content.length, List.of("https://w/blob")));
        stage.release.countDown();
        assertThatThrownBy(() -> withoutUrls.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(BlobUnavailableException.class);
        assertThat(withUrls.get(10, java.util.concurrent.TimeUnit.SECONDS).digest()).isEqualTo(digest);
        assertThat(stage.walks.get()).isEqualTo(2);
    }

    @Test
    void aCachedBlobOfAnotherSizeIsNotTakenForTheRequestedOne() {
        store.ingest(new ByteArrayInputStream(content), BlobStore.Expected.of(digest, content.length), Origin.LOCAL);
        ResolverChain chain = new ResolverChain(List.of(new CacheResolver(store)));
        assertThatThrownBy(() -> chain.resolve(new ResolveRequest(digest, content.length + 1, List.of()), listener))
                .hasMessageContaining("cache: cached blob has " + content.length + " bytes, expected " + (content.length + 1));
    }
}
