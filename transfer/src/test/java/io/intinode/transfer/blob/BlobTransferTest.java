package io.intinode.transfer.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.testing.NoLeaks;
import io.intinode.p2p.yamux.YamuxMuxer;
import io.intinode.store.BlobStore.Expected;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.TestBlobs;
import io.intinode.transfer.blob.BlobMessage.GetChunks;
import io.intinode.transfer.blob.BlobMessage.GetRange;
import io.intinode.transfer.download.SourceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two real hosts on 127.0.0.1 (Noise, yamux): a server with a store, a client with {@link PeerChunkSource}. */
@ExtendWith(NoLeaks.class)
class BlobTransferTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private FileBlobStore store;
    private final Set<Digest> allowed = ConcurrentHashMap.newKeySet();
    private Host server;
    private Host client;
    private PeerChunkSource source;

    @BeforeEach
    void start() {
        store = TestBlobs.openStore(dir);
        server = host();
        new BlobServer(store, (blob, peer) -> allowed.contains(blob) && peer.equals(client.peerId())).install(server);
        client = host();
        source = new PeerChunkSource(client, serverAddr(), TIMEOUT);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        store.close();
    }

    @Test
    void chunkListAndRangesComeBackRight() {
        byte[] content = bytes(3 * MIB + 77, 1);
        Digest d = add(content, true);

        ChunkList list = source.chunkList(d);

        assertThat(list).isEqualTo(store.chunkList(d).orElseThrow());
        assertThat(source.read(d, 0, 10)).isEqualTo(Arrays.copyOf(content, 10));
        assertThat(source.read(d, MIB - 3, MIB + 80)).isEqualTo(Arrays.copyOfRange(content, MIB - 3, 2 * MIB + 77));
        assertThat(source.read(d, content.length - 1, 1)).containsExactly(content[content.length - 1]);
        assertThat(source.read(d, content.length, 0)).isEmpty();
        assertThatThrownBy(() -> source.read(d, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sixtyFourMebibyteBlobArrivesAndVerifies() throws Exception {
        byte[] content = bytes(64 * MIB, 2);
        Digest d = add(content, true);

        ChunkList list = source.chunkList(d);
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < list.chunks().size(); i += 8) {
            int count = Math.min(8, list.chunks().size() - i);
            long offset = list.offset(i);
            int length = (int) Math.min((long) count * MIB, list.size() - offset);
            byte[] got = source.read(d, offset, length);
            for (int c = 0; c < count; c++) {
                byte[] chunk = Arrays.copyOfRange(got, c * MIB, Math.min(got.length, (c + 1) * MIB));
                assertThat(TestBlobs.sha256(chunk)).as("chunk %d", i + c).isEqualTo(list.chunks().get(i + c));
            }
            whole.update(got);
        }
        assertThat(Digest.of(whole.digest())).isEqualTo(d);
    }

    @Test
    void missingAndHeldButNotAllowedAreBothAbsent() {
        Digest held = add(bytes(5000, 3), false);
        Digest missing = TestBlobs.sha256(new byte[] {42});

        for (Digest d : List.of(held, missing)) {
            assertThatThrownBy(() -> source.chunkList(d)).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.absent()).isTrue());
            assertThatThrownBy(() -> source.read(d, 0, 100)).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.absent()).isTrue());
        }
    }

    @Test
    void heldButNotAllowedGetsExactlyTheBytesOfMissing() throws Exception {
        Digest held = add(bytes(5000, 4), false);
        Digest missing = TestBlobs.sha256(new byte[] {43});

        for (BlobMessage[] pair : List.of(
                new BlobMessage[] {new GetChunks(held), new GetChunks(missing)},
                new BlobMessage[] {new GetRange(held, 0, 100), new GetRange(missing, 0, 100)})) {
            byte[] forHeld = exchange(BlobCodec.encode(pair[0]));
            byte[] forMissing = exchange(BlobCodec.encode(pair[1]));
            assertThat(forHeld).isEqualTo(forMissing).isEqualTo(HexFormat.of().parseHex("0183"));
        }
    }

    @Test
    void probesOfHeldButUnsharedAndMissingBlobsLookAndTimeTheSame() throws Exception {
        Digest held = add(bytes(3 * MIB, 11), false);
        Digest missing = TestBlobs.sha256(new byte[] {44});
        assertThat(BlobProbes.heldVersusAbsentTimingPValue(client, serverAddr(), held, missing, TIMEOUT))
                .as("KS p-value of held-but-unshared vs missing probe timings").isGreaterThan(0.01);
    }

    @Test
    void anotherPeerIsNotServedWhatThisOneIs() {
        Digest d = add(bytes(100, 5), true);
        try (Host stranger = host()) {
            PeerChunkSource fromStranger = new PeerChunkSource(stranger, serverAddr(), TIMEOUT);
            assertThatThrownBy(() -> fromStranger.chunkList(d)).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.absent()).isTrue());
        }
        assertThat(source.chunkList(d).blob()).isEqualTo(d);
    }

    @Test
    void oversizedRequestGetsTheStreamResetAndNoBytes() throws Exception {
        Digest d = add(bytes(10 * MIB, 6), true);
        // A GET_RANGE of 4 MiB + 1 (the codec refuses to make one, so it is written by hand).
        byte[] frame = HexFormat.of().parseHex("27" + "02" + d.hex() + "00" + "81808002");
        assertThat(exchangeOrFailure(frame)).isEmpty();
        // A frame longer than any request.
        assertThat(exchangeOrFailure(HexFormat.of().parseHex("ffff03"))).isEmpty();
        // The server is still fine.
        assertThat(source.read(d, 0, 1)).hasSize(1);
    }

    @Test
    void rangePastTheEndIsAProtocolErrorNotAbsent() {
        Digest d = add(bytes(1000, 7), true);
        assertThatThrownBy(() -> source.read(d, 900, 101)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.absent()).isFalse());
    }

    @Test
    void serverThatNeverAnswersTimesOut() {
        Digest d = TestBlobs.sha256(new byte[] {1});
        server.setHandler(BlobProtocol.PROTOCOL_ID, (connection, stream) -> new MuxedStreamInputStream(stream).readAllBytes());
        PeerChunkSource impatient = new PeerChunkSource(client, serverAddr(), Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.chunkList(d)).isInstanceOf(SourceException.class)
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void defaultPolicyServesNothing() {
        Digest d = add(bytes(100, 8), true);
        try (Host other = host()) {
            new BlobServer(store, ServePolicy.NOTHING).install(other);
            Multiaddr addr = other.listenAddrs().getFirst().withPeerId(other.peerId());
            assertThatThrownBy(() -> new PeerChunkSource(client, addr, TIMEOUT).chunkList(d))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.absent()).isTrue());
        }
    }

    @Test
    void uploadCapPacesTheTransfer() {
        Digest d = add(bytes(4 * MIB, 9), true);
        try (Host capped = host()) {
            new BlobServer(store, (blob, peer) -> true,
                    new UploadConfig(16, 4, 8L * MIB, 256 << 10, Duration.ofSeconds(10)), System::nanoTime).install(capped);
            PeerChunkSource fromCapped = new PeerChunkSource(client, addr(capped), TIMEOUT);
            long start = System.nanoTime();
            byte[] got = fromCapped.read(d, 0, 4 * MIB);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(TestBlobs.sha256(got)).isEqualTo(d);
            // 4 MiB at 8 MiB/s with a 256 KiB burst cannot take less than (4 MiB - 256 KiB) / 8 MiB/s.
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(468));
        }
    }

    @Test
    void peerOverItsUploadShareIsTurnedAwayWhileAnotherIsServed() throws Exception {
        Digest d = add(bytes(4 * MIB, 10), true);
        try (Host limited = host(); Host other = host()) {
            BlobServer server = new BlobServer(store, (blob, peer) -> true,
                    new UploadConfig(2, 1, 2L * MIB, 64 << 10, Duration.ZERO), System::nanoTime);
            server.install(limited);
            PeerChunkSource first = new PeerChunkSource(client, addr(limited), TIMEOUT);
            var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> first.read(d, 0, 4 * MIB),
                    java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            awaitCondition(() -> server.uploadsInProgress() == 1);

            assertThatThrownBy(() -> first.read(d, 0, MIB)).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.absent()).isFalse());
            assertThat(new PeerChunkSource(other, addr(limited), TIMEOUT).read(d, 0, 1000)).hasSize(1000);
            assertThat(TestBlobs.sha256(slow.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))).isEqualTo(d);
        }
    }

    @Test
    void chunkListsArePacedByTheUploadCap() {
        Digest d = add(bytes(1000, 14), true);
        int answer = BlobCodec.encode(new BlobMessage.Chunks(store.chunkList(d).orElseThrow())).length;
        try (Host capped = host()) {
            new BlobServer(store, (blob, peer) -> true,
                    new UploadConfig(16, 4, 4L * answer, answer, Duration.ofSeconds(10)), System::nanoTime)
                    .install(capped);
            PeerChunkSource fromCapped = new PeerChunkSource(client, addr(capped), TIMEOUT);
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertThat(fromCapped.chunkList(d).blob()).isEqualTo(d);
            }
            // Three answers with a burst of one at four answers a second cannot take less than 2/4 s.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void aChunkListTakesAnUploadSlot() throws Exception {
        Digest d = add(bytes(4 * MIB, 15), true);
        try (Host limited = host()) {
            BlobServer one = new BlobServer(store, (blob, peer) -> true,
                    new UploadConfig(1, 1, 2L * MIB, 64 << 10, Duration.ZERO), System::nanoTime);
            one.install(limited);
            PeerChunkSource from = new PeerChunkSource(client, addr(limited), TIMEOUT);
            var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> from.read(d, 0, 4 * MIB),
                    java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            awaitCondition(() -> one.uploadsInProgress() == 1);

            assertThatThrownBy(() -> from.chunkList(d)).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.absent()).isFalse());
            assertThat(TestBlobs.sha256(slow.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))).isEqualTo(d);
            assertThat(from.chunkList(d).blob()).isEqualTo(d);
        }
    }

    @Test
    void aClosedGateRefusesEveryRangeAlikeAndCountsWhatWasServed() throws Exception {
        Digest held = add(bytes(3000, 12), true);
        Digest missing = TestBlobs.sha256(bytes(3000, 13));
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong uploaded = new java.util.concurrent.atomic.AtomicLong();
        UploadGate gate = new UploadGate() {
            @Override
            public boolean open() {
                return open.get();
            }

            @Override
            public void uploaded(long bytes) {
                uploaded.addAndGet(bytes);
            }
        };
        try (Host gated = host()) {
            new BlobServer(store, (blob, peer) -> allowed.contains(blob), UploadConfig.DEFAULTS, System::nanoTime, gate)
                    .install(gated);
            PeerChunkSource from = new PeerChunkSource(client, addr(gated), TIMEOUT);
            assertThat(from.read(held, 100, 1000)).hasSize(1000);
            assertThat(uploaded.get()).isEqualTo(1000);

            open.set(false);
            // Held and missing blobs get the same refusal (a reset, as when busy), not "absent" for one of them.
            for (Digest d : List.of(held, missing)) {
                assertThatThrownBy(() -> from.read(d, 0, 10)).isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.absent()).as(d.toString()).isFalse());
            }
            assertThat(from.chunkList(held).blob()).as("chunk lists follow the serve policy only").isEqualTo(held);
            assertThat(uploaded.get()).isEqualTo(1000);
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(5); // polling interval of a bounded wait on a condition
        }
    }

    private static Multiaddr addr(Host h) {
        return h.listenAddrs().getFirst().withPeerId(h.peerId());
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Digest add(byte[] content, boolean allow) {
        Digest d = store.ingest(new ByteArrayInputStream(content), Expected.NOTHING, Origin.LOCAL).digest();
        if (allow) {
            allowed.add(d);
        }
        return d;
    }

    /** Sends raw request bytes, closes our side and returns everything the server sent until it closed. */
    private byte[] exchange(byte[] request) throws Exception {
        NegotiatedStream stream = client.newStream(serverAddr(), List.of(BlobProtocol.PROTOCOL_ID))
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try (MuxedStreamInputStream in = new MuxedStreamInputStream(stream, 1 << 20, TIMEOUT)) {
            try (OutputStream out = new MuxedStreamOutputStream(stream)) {
                out.write(request);
            }
            return in.readAllBytes();
        }
    }

    /** As {@link #exchange}, but a reset stream counts as no answer. */
    private byte[] exchangeOrFailure(byte[] request) throws Exception {
        try {
            return exchange(request);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private Multiaddr serverAddr() {
        return server.listenAddrs().getFirst().withPeerId(server.peerId());
    }

    private static Host host() {
        Identity id = Identity.generate(RANDOM);
        Host h = new Host(id, HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
                new NoiseTransport(id, RANDOM), new YamuxMuxer());
        return h.start();
    }
}
