package io.intinode.node.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.dht.core.PeerInfo;
import io.intinode.node.office.OfficeAnswer;
import io.intinode.node.office.OfficeClient;
import io.intinode.node.office.OfficeServer;
import io.intinode.node.privacy.ClassCounts;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.yamux.YamuxMuxer;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.blob.BlobServer;
import io.intinode.transfer.blob.PeerChunkSource;
import io.intinode.transfer.blob.ServePolicy;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real hosts on loopback speaking the blob and office protocols: peers that provide a level's marker count only
 * if they serve the level's bytes; LAN peers count only if their office answer names the same marker.
 */
class ProbedClassCounterTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ServePolicy SERVE_ALL = (b, p) -> true;
    private static final Digest MARKER = Digest.parse("sha256:" + "77".repeat(32));

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private FileBlobStore mine;
    private byte[] content;
    private Digest blob;

    @BeforeEach
    void setUp() {
        mine = store("mine");
        content = new byte[300_000];
        new Random(3).nextBytes(content);
        blob = mine.ingest(new ByteArrayInputStream(content), BlobStore.Expected.NOTHING, Origin.LOCAL).digest();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        mine.close();
    }

    private FileBlobStore store(String name) {
        return FileBlobStore.openWithoutQuota(dir.resolve(name), StoreConfig.withQuota(1 << 24),
                java.time.InstantSource.system());
    }

    /** A peer that holds the level (or not) and serves it (or not), answering the office protocol with a marker. */
    private Host peer(boolean holds, ServePolicy policy, Optional<Digest> officeMarker) {
        FileBlobStore s = store("peer" + open.size());
        open.add(s::close);
        if (holds) {
            s.ingest(new ByteArrayInputStream(content), BlobStore.Expected.NOTHING, Origin.LOCAL);
        }
        Host h = host();
        open.add(h);
        new BlobServer(s, policy).install(h);
        new OfficeServer(c -> true, () -> OfficeAnswer.of(officeMarker, Set.of())).install(h);
        return h;
    }

    private static Host host() {
        Identity id = Identity.generate(RANDOM);
        return new Host(id, HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
                new NoiseTransport(id, RANDOM), new YamuxMuxer()).start();
    }

    private static PeerInfo info(Host h) {
        return new PeerInfo(h.peerId(), h.listenAddrs());
    }

    private static Multiaddr addr(Host h) {
        return h.listenAddrs().getFirst().withPeerId(h.peerId());
    }

    @Test
    void onlyProvidersThatServeTheLevelCountAndLanPeersMustNameTheSameMarker() throws Exception {
        Host honest = peer(true, SERVE_ALL, Optional.of(MARKER));
        Host honestOtherLevel = peer(true, SERVE_ALL, Optional.of(Digest.parse("sha256:" + "78".repeat(32))));
        Host fake = peer(false, SERVE_ALL, Optional.of(MARKER)); // provides the marker, has no bytes
        Host refuses = peer(true, ServePolicy.NOTHING, Optional.of(MARKER)); // holds, serves nothing
        Host self = host();
        open.add(self);
        List<PeerInfo> providers = List.of(info(honest), info(fake), info(refuses), info(self));
        Map<PeerId, Multiaddr> lan = Map.of(honest.peerId(), addr(honest), honestOtherLevel.peerId(),
                addr(honestOtherLevel), fake.peerId(), addr(fake));
        ProbedClassCounter counter = new ProbedClassCounter((marker, wanted) -> providers, self.peerId(), () -> lan,
                new OfficeClient(self, TIMEOUT), a -> new PeerChunkSource(self, a, TIMEOUT),
                new ServeProbe(mine, new SplittableRandom(9)), TIMEOUT);

        ClassCounts.Count c = counter.count(MARKER, Set.of(blob));
        assertThat(c.global()).as("this host and the honest provider").isEqualTo(2);
        assertThat(c.lan()).as("this host and the honest LAN peer at the same level").isEqualTo(2);
    }

    @Test
    void theSurveyReportsEachAnsweringLanPeersMarkerAndLeavesOutPeersThatDoNotAnswer() throws Exception {
        Host empty = peer(false, ServePolicy.NOTHING, Optional.empty());
        Host level = peer(true, SERVE_ALL, Optional.of(MARKER));
        Host fake = peer(false, SERVE_ALL, Optional.of(MARKER));
        Host gone = peer(true, SERVE_ALL, Optional.of(MARKER));
        Multiaddr goneAddr = addr(gone);
        gone.close();
        Host self = host();
        open.add(self);
        Map<PeerId, Multiaddr> lan = Map.of(empty.peerId(), addr(empty), level.peerId(), addr(level), fake.peerId(),
                addr(fake), gone.peerId(), goneAddr, self.peerId(), addr(self));
        ProbedClassCounter counter = new ProbedClassCounter((marker, wanted) -> List.of(), self.peerId(), () -> lan,
                new OfficeClient(self, TIMEOUT), a -> new PeerChunkSource(self, a, TIMEOUT),
                new ServeProbe(mine, new SplittableRandom(9)), TIMEOUT);

        assertThat(counter.survey()).containsExactlyInAnyOrder(new LanSurvey.Answer(empty.peerId(), Optional.empty()),
                new LanSurvey.Answer(level.peerId(), Optional.of(MARKER)),
                new LanSurvey.Answer(fake.peerId(), Optional.of(MARKER)));
        assertThat(counter.serves(level.peerId(), Set.of(blob))).isTrue();
        assertThat(counter.serves(fake.peerId(), Set.of(blob))).as("claims the level, has no bytes").isFalse();
        assertThat(counter.serves(Identity.generate(RANDOM).peerId(), Set.of(blob))).as("not a LAN peer").isFalse();
    }
}
