package io.intinode.transfer.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.BlobInfo;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.TestBlobs;
import io.intinode.transfer.download.BanList;
import io.intinode.transfer.download.ChunkSource;
import io.intinode.transfer.download.DownloadConfig;
import io.intinode.transfer.download.Downloader;
import io.intinode.transfer.download.FakeSource;
import io.intinode.transfer.download.PartialArea;
import io.intinode.transfer.webseed.FaultServer;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerResolverTest {
    private static final WebseedConfig WEBSEED = new WebseedConfig(
            Duration.ofSeconds(10), Duration.ofSeconds(60), 2, 10, Duration.ofMillis(5), Duration.ofMillis(10));
    private static final int CHUNK = 1024;
    private final byte[] content = new byte[20 * CHUNK];
    private final Digest digest;
    @TempDir Path dir;
    private FileBlobStore store;
    private WebseedFetcher webseed;
    private FaultServer server;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ResolveListener listener = new ResolveListener() {
        @Override
        public void failed(String source, String reason) {
            events.add("failed " + source + " " + reason);
        }

        @Override
        public void resolved(String source, BlobInfo blob) {
            events.add("resolved " + source);
        }
    };
    private final AtomicInteger lanLookups = new AtomicInteger();
    private final AtomicInteger dhtLookups = new AtomicInteger();

    PeerResolverTest() {
        new Random(5).nextBytes(content);
        digest = Sha256.of(content);
    }

    @BeforeEach
    void open() throws IOException {
        store = TestBlobs.openStore(dir.resolve("store"));
        webseed = new WebseedFetcher(store, WEBSEED, InstantSource.system());
        server = new FaultServer();
        server.on("/blob", (ex, n) -> FaultServer.send(ex, 200, content));
    }

    @AfterEach
    void close() {
        server.close();
        webseed.close();
        store.close();
    }

    private ResolverChain chain(List<String> lan, List<String> dht, Map<String, ChunkSource> peers, Duration hedge) {
        ProviderFinder finder = new ProviderFinder() {
            @Override
            public List<Provider> lanPeers(Digest d) {
                lanLookups.incrementAndGet();
                return lan.stream().map(id -> new Provider(id, List.of())).toList();
            }

            @Override
            public List<Provider> dhtProviders(Digest d) {
                dhtLookups.incrementAndGet();
                return dht.stream().map(id -> new Provider(id, List.of())).toList();
            }
        };
        Downloader downloader = new Downloader(store, dir.resolve("partial"), DownloadConfig.DEFAULTS, new BanList(),
                InstantSource.system());
        PeerSources sources = new PeerSources(finder, p -> peers.get(p.peerId()), downloader, hedge);
        return ResolverChain.standard(store, sources, webseed);
    }

    private ResolveRequest request() {
        return new ResolveRequest(digest, content.length, List.of(server.url("/blob")));
    }

    @Test
    void theStandardOrderIsCacheLanDhtWebseed() {
        assertThat(chain(List.of(), List.of(), Map.of(), Duration.ZERO).stageNames())
                .containsExactly("cache", "lan", "dht", "webseed");
    }

    @Test
    void lanPeersAreAskedFirstAndTheDhtAndWebseedAreNotNeeded() {
        FakeSource lan = FakeSource.honest("lan-peer", content, CHUNK);
        FakeSource far = FakeSource.honest("far-peer", content, CHUNK);
        BlobInfo info = chain(List.of("lan-peer"), List.of("far-peer"), Map.of("lan-peer", lan, "far-peer", far),
                Duration.ofSeconds(30)).resolve(request(), listener);
        assertThat(info.origin()).isEqualTo(Origin.LAN_PEER);
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(far.totalReads()).isZero();
        assertThat(dhtLookups).hasValue(0);
        assertThat(server.requestsTo("/blob")).isEmpty();
        assertThat(events).containsExactly("resolved lan");
    }

    @Test
    void withoutLanPeersTheDhtProvidersDeliver() {
        FakeSource far = FakeSource.honest("far-peer", content, CHUNK);
        BlobInfo info = chain(List.of(), List.of("far-peer"), Map.of("far-peer", far), Duration.ofSeconds(30))
                .resolve(request(), listener);
        assertThat(info.origin()).isEqualTo(Origin.DHT_PEER);
        assertThat(events).containsExactly("failed lan no peers", "resolved dht");
        assertThat(server.requestsTo("/blob")).isEmpty();
    }

    @Test
    void whenNoPeerDeliversWithinTheHedgeDelayTheWebseedWinsAndThePeerDownloadIsCancelledAndCleared() {
        FakeSource stuck = FakeSource.honest("stuck", content, CHUNK).blocking(c -> true);
        BlobInfo info = chain(List.of("stuck"), List.of(), Map.of("stuck", stuck), Duration.ofMillis(50))
                .resolve(request(), listener);
        assertThat(info.origin()).isEqualTo(Origin.WEBSEED);
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(server.requestsTo("/blob")).hasSize(1);
        assertThat(dir.resolve("partial").resolve(digest.hex())).doesNotExist();
        assertThat(dir.resolve("partial").resolve(digest.hex() + ".chunks")).doesNotExist();
        stuck.release();
    }

    @Test
    void aPeerThatFailsAfterTheHedgeStartedLeavesTheWebseedToDeliver() {
        FakeSource gone = FakeSource.honest("gone", content, CHUNK).absent();
        BlobInfo info = chain(List.of("gone"), List.of("gone"), Map.of("gone", gone), Duration.ZERO)
                .resolve(request(), listener);
        assertThat(info.origin()).isEqualTo(Origin.WEBSEED);
        assertThat(events).contains("resolved webseed");
    }

    @Test
    void concurrentCallersForOneDigestShareOneDownload() throws Exception {
        FakeSource slow = FakeSource.honest("slow", content, CHUNK).blocking(c -> c >= 1);
        ResolverChain chain = chain(List.of("slow"), List.of(), Map.of("slow", slow), Duration.ofSeconds(30));
        AtomicReference<BlobInfo> first = new AtomicReference<>();
        AtomicReference<BlobInfo> second = new AtomicReference<>();
        Thread a = Thread.ofVirtual().start(() -> first.set(chain.resolve(request(), listener)));
        awaitTrue(() -> slow.totalReads() > 1);
        Thread b = Thread.ofVirtual().start(() -> second.set(chain.resolve(request(), ResolveListener.NONE)));
        awaitTrue(() -> b.getState() == Thread.State.WAITING);
        slow.release();
        assertThat(a.join(Duration.ofSeconds(10))).isTrue();
        assertThat(b.join(Duration.ofSeconds(10))).isTrue();
        assertThat(first.get()).isNotNull().isEqualTo(second.get());
        assertThat(lanLookups).hasValue(1);
        assertThat(slow.reads().values()).containsOnly(1);
    }

    @Test
    void anInterruptedResolveKeepsThePeerDownloadsPartialFileAndTheNextOneResumesFromIt() throws Exception {
        FakeSource slow = FakeSource.honest("slow", content, CHUNK).blocking(c -> c >= 1);
        ResolverChain chain = chain(List.of("slow"), List.of(), Map.of("slow", slow), Duration.ofSeconds(30));
        CountDownLatch delivered = new CountDownLatch(1);
        ResolveListener progress = new ResolveListener() {
            @Override
            public void bytes(String source, long count) {
                delivered.countDown();
            }
        };
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread stopping = Thread.ofVirtual().start(() -> {
            try {
                chain.resolve(request(), progress);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        assertThat(delivered.await(10, TimeUnit.SECONDS)).as("chunk 0 verified").isTrue();
        stopping.interrupt(); // what the node's API does to its calls when it stops
        assertThat(stopping.join(Duration.ofSeconds(10))).isTrue();
        assertThat(failure.get()).hasMessageContaining("interrupted");
        assertThat(dir.resolve("partial").resolve(digest.hex())).exists();
        assertThat(dir.resolve("partial").resolve(digest.hex() + ".chunks")).exists();
        assertThat(store.has(digest)).isFalse();

        slow.release();
        assertThat(chain.resolve(request(), listener).origin()).isEqualTo(Origin.LAN_PEER);
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(slow.reads().get(0)).as("chunk 0 was kept, not fetched again").isEqualTo(1);
        assertThat(server.requestsTo("/blob")).isEmpty();
    }

    @Test
    void aPeerThatWinsOverAHedgedWebseedWritingThePartialLeavesNoPartialBehind() throws Exception {
        PartialArea area = new PartialArea(dir.resolve("partial"));
        CountDownLatch webseedAsked = new CountDownLatch(1);
        server.on("/stalls", (ex, n) -> {
            ex.sendResponseHeaders(200, content.length);
            ex.getResponseBody().write(content, 0, 100);
            ex.getResponseBody().flush();
            webseedAsked.countDown();
            server.stall();
        });
        // The peer is found only once the webseed (hedged at once) has the partial and is receiving bytes.
        ProviderFinder late = new ProviderFinder() {
            @Override
            public List<Provider> lanPeers(Digest d) {
                try {
                    assertThat(webseedAsked.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(new Provider("peer", List.of()));
            }

            @Override
            public List<Provider> dhtProviders(Digest d) {
                return List.of();
            }
        };
        FakeSource peer = FakeSource.honest("peer", content, CHUNK);
        Downloader downloader = new Downloader(store, area, DownloadConfig.DEFAULTS, new BanList(),
                InstantSource.system());
        try (WebseedFetcher keeping = new WebseedFetcher(store, WEBSEED, InstantSource.system(), area)) {
            ResolverChain chain = ResolverChain.standard(store,
                    new PeerSources(late, p -> peer, downloader, Duration.ZERO), keeping);

            BlobInfo info = chain.resolve(new ResolveRequest(digest, content.length, List.of(server.url("/stalls"))),
                    listener);

            assertThat(info.origin()).isEqualTo(Origin.LAN_PEER);
        }
        assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        assertThat(area.dir().resolve("hedged")).as("the peer download's scratch partial, gone").isEmptyDirectory();
        for (String file : List.of(digest.hex(), digest.hex() + ".chunks", digest.hex() + ".source",
                "hedged/" + digest.hex())) {
            assertThat(area.dir().resolve(file)).doesNotExist();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }
}
