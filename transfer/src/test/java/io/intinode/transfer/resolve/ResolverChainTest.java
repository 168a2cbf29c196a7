package io.intinode.transfer.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.transfer.MemoryTestStore;
import io.intinode.transfer.webseed.FaultServer;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolverChainTest {
    private static final WebseedConfig CONFIG = new WebseedConfig(
            Duration.ofSeconds(2), Duration.ofSeconds(10), 2, 10, Duration.ofMillis(5), Duration.ofMillis(10));
    private final byte[] content = "resolver chain content".getBytes(StandardCharsets.UTF_8);
    private final Digest digest = MemoryTestStore.sha256(content);
    private final MemoryTestStore store = new MemoryTestStore();
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
            assertThat(store.bytes(digest)).hasValue(content);
        }
    }

    @Test
    void reportsWhatEveryStageTriedWhenNothingDelivers() throws IOException {
        try (FaultServer server = new FaultServer();
                WebseedFetcher fetcher = new WebseedFetcher(store, CONFIG, InstantSource.system())) {
            server.on("/gone", (ex, n) -> FaultServer.send(ex, 404, new byte[0]));
            ResolveRequest request = new ResolveRequest(digest, content.length, List.of(server.url("/gone")));
            assertThatThrownBy(() -> ResolverChain.standard(store, fetcher).resolve(request, listener))
                    .isInstanceOf(BlobNotFoundException.class)
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

    @Test
    void aCachedBlobOfAnotherSizeIsNotTakenForTheRequestedOne() {
        store.ingest(new ByteArrayInputStream(content), BlobStore.Expected.of(digest, content.length), Origin.LOCAL);
        ResolverChain chain = new ResolverChain(List.of(new CacheResolver(store)));
        assertThatThrownBy(() -> chain.resolve(new ResolveRequest(digest, content.length + 1, List.of()), listener))
                .hasMessageContaining("cache: cached blob has " + content.length + " bytes, expected " + (content.length + 1));
    }
}
