package io.intinode.node.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.office.OfficeAnswer;
import io.intinode.node.privacy.ClassCounts;
import io.intinode.node.privacy.PrivacyConfig;
import io.intinode.node.privacy.ShareMode;
import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.LevelMarkers;
import io.intinode.node.privacy.LevelRef;
import io.intinode.node.privacy.canon.ManifestCodec;
import io.intinode.node.privacy.canon.ManifestEntry;
import io.intinode.node.privacy.canon.ManifestSigner;
import io.intinode.node.privacy.canon.ProfileLevels;
import io.intinode.node.privacy.canon.PublisherKey;
import io.intinode.node.seeding.GateConfig;
import io.intinode.node.seeding.SeedingGate;
import io.intinode.node.seeding.SystemState;
import io.intinode.node.seeding.UploadLedger;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.PeerId;
import io.intinode.node.share.AnnouncedIndex.Scope;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.TransferException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The share service's rounds over a real store and real signed manifests; the DHT, fetches and counts faked. */
class ShareServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private FileBlobStore store;
    private final Set<Digest> provided = ConcurrentHashMap.newKeySet();
    private final ShareAnnouncer.Providing dht = new ShareAnnouncer.Providing() {
        @Override
        public void provide(Digest digest) {
            provided.add(digest);
        }

        @Override
        public void unprovide(Digest digest) {
            provided.remove(digest);
        }
    };
    /** What the fake network has: fetches of these succeed, of anything else fail. */
    private final Map<Digest, byte[]> network = new HashMap<>();
    private final List<Digest> fetched = java.util.Collections.synchronizedList(new ArrayList<>());
    private ClassCounts.Count nextCount = new ClassCounts.Count(0, 0);
    private LanSurvey lan = LanSurvey.NONE;
    private PrivateKey publisher;

    @BeforeEach
    void open() throws Exception {
        store = FileBlobStore.openWithoutQuota(dir.resolve("cache"), StoreConfig.withQuota(1 << 24),
                java.time.InstantSource.system());
        publisher = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Fetches wait here; open unless a test closes it. */
    private java.util.concurrent.CountDownLatch fetchGate = new java.util.concurrent.CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final ShareService.Fetcher fetcher = (digest, size, urls) -> {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (!fetchGate.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new TransferException("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException("interrupted");
        }
        try {
            fetchNow(digest);
        } finally {
            inFlight.decrementAndGet();
        }
    };

    private void fetchNow(Digest digest) {
        byte[] bytes = network.get(digest);
        if (bytes == null) {
            throw new TransferException("no source has " + digest);
        }
        fetched.add(digest);
        store.ingest(new ByteArrayInputStream(bytes), BlobStore.Expected.of(digest, bytes.length), Origin.LAN_PEER);
    }

    private static byte[] content(String name) {
        return ("content of " + name).getBytes(StandardCharsets.UTF_8);
    }

    private static Digest digest(String name) {
        return Sha256.of(content(name));
    }

    private Digest hold(String name, boolean shareable) {
        Digest d = store.ingest(new ByteArrayInputStream(content(name)), BlobStore.Expected.NOTHING, Origin.LOCAL)
                .digest();
        store.setShareable(d, shareable);
        return d;
    }

    private static ManifestEntry entry(String name) {
        return new ManifestEntry(digest(name), name, "1", content(name).length);
    }

    /** Profile "p": level 1 = a b c d, level 2 adds e f g h. */
    private ManifestRef publish(PrivateKey key, boolean inStore) {
        ProfileLevels p = new ProfileLevels("p", 1000, List.of(
                List.of(entry("a"), entry("b"), entry("c"), entry("d")),
                List.of(entry("e"), entry("f"), entry("g"), entry("h"))));
        CanonManifest m = new CanonManifest("", 3, Instant.parse("2026-12-01T00:00:00Z"), 5, List.of(p));
        byte[] bytes = ManifestCodec.encode(ManifestSigner.sign(m, key));
        Digest d = Sha256.of(bytes);
        if (inStore) {
            store.ingest(new ByteArrayInputStream(bytes), BlobStore.Expected.NOTHING, Origin.LOCAL);
        } else {
            network.put(d, bytes);
        }
        return new ManifestRef(d, List.of());
    }

    private ManifestRef officeManifest(String... names) {
        List<ManifestEntry> entries = new ArrayList<>();
        for (String n : names) {
            entries.add(entry(n));
        }
        CanonManifest m = new CanonManifest("", 1, Instant.parse("2026-12-01T00:00:00Z"), 2,
                List.of(new ProfileLevels("office", 50, List.of(entries))));
        byte[] bytes = ManifestCodec.encode(ManifestSigner.sign(m, publisher));
        network.put(Sha256.of(bytes), bytes);
        return new ManifestRef(Sha256.of(bytes), List.of());
    }

    private ShareService service(ShareMode mode, Optional<ManifestRef> manifest, Optional<ManifestRef> office,
            Set<Digest> denied) {
        return service(mode, manifest, office, denied, Duration.ZERO, CLOCK);
    }

    private ShareService service(ShareMode mode, Optional<ManifestRef> manifest, Optional<ManifestRef> office,
            Set<Digest> denied, Duration joinWindow, Clock clock) {
        return service(PrivacyConfig.defaults().withMode(mode), manifest, office, denied, joinWindow, clock);
    }

    private ShareService service(PrivacyConfig privacy, Optional<ManifestRef> manifest, Optional<ManifestRef> office,
            Set<Digest> denied, Duration joinWindow, Clock clock) {
        ShareSettings settings = new ShareSettings(privacy, Optional.of("p"),
                Set.of(PublisherKey.of(publisher)), manifest, office, denied, Duration.ofMinutes(10), joinWindow);
        SeedingGate gate = new SeedingGate(GateConfig.DEFAULTS,
                UploadLedger.open(dir.resolve("ledger"), ZoneOffset.UTC, CLOCK.instant()), CLOCK,
                () -> SystemState.UNKNOWN);
        return new ShareService(settings, store, fetcher, (marker, blobs) -> nextCount, lan, gate, dht, clock);
    }

    private void awaitProvided(Set<Digest> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!provided.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling interval of a bounded wait: provides run on virtual threads
        }
        assertThat(provided).isEqualTo(expected);
    }

    @Test
    void modeAllAnnouncesShareableBlobsButNotUnmarkedOrDeniedAndOffWithdraws() throws Exception {
        Digest shared = hold("shared", true);
        Digest unmarked = hold("private", false);
        Digest denied = hold("denied", true);
        ShareService s = service(ShareMode.ALL, Optional.empty(), Optional.empty(), Set.of(denied));
        s.round();
        awaitProvided(Set.of(shared));
        assertThat(s.announced().mayServe(unmarked, true)).isFalse();
        assertThat(s.status().level()).isEqualTo("all");

        s.setSharing(false);
        s.round();
        awaitProvided(Set.of());
        assertThat(s.announced().mayServe(shared, true)).isFalse();
        s.setSharing(true);
        s.round();
        awaitProvided(Set.of(shared));
    }

    @Test
    void canonicalJoinsTentativelyWithTheMarkerThenAnnouncesTheLevelOnceTheClassIsLargeEnough() throws Exception {
        hold("a", true);
        hold("b", true);
        hold("c", true);
        Digest secret = hold("secret", true); // held, shareable, but on no ladder: never announced
        hold("e", true);
        network.put(digest("d"), content("d"));
        ManifestRef ref = publish(publisher, false);
        ShareService s = service(ShareMode.CANONICAL, Optional.of(ref), Optional.empty(), Set.of());

        s.round();
        assertThat(fetched).as("the manifest, then the hole d of level 1").containsExactly(ref.digest(), digest("d"));
        Digest marker = markerOfLevel1(ref);
        awaitProvided(Set.of(marker));
        Set<Digest> level1 = Set.of(digest("a"), digest("b"), digest("c"), digest("d"));
        assertThat(s.announced().snapshot(Scope.GLOBAL)).isEqualTo(level1);
        assertThat(s.status().confirmed()).isFalse();
        assertThat(s.status().level()).isEqualTo("p level 1");
        assertThat(s.officeAnswer().levelMarker()).contains(marker);

        nextCount = new ClassCounts.Count(5, 2);
        s.round();
        Set<Digest> all = new java.util.HashSet<>(level1);
        all.add(marker);
        awaitProvided(all);
        assertThat(s.status().confirmed()).isTrue();
        assertThat(s.status().classGlobal()).isEqualTo(5);
        assertThat(s.announced().mayServe(secret, true)).isFalse();
        assertThat(s.announced().mayServe(digest("e"), true)).as("e is of level 2, not announced").isFalse();

        nextCount = new ClassCounts.Count(4, 2);
        for (int i = 1; i < LevelMembership.SHORT_ROUNDS_TO_LEAVE; i++) {
            s.round();
            assertThat(s.status().level()).as("short count %d: kept (a peer may have timed out)", i)
                    .isEqualTo("p level 1");
        }
        nextCount = new ClassCounts.Count(5, 2);
        s.round();
        nextCount = new ClassCounts.Count(4, 2);
        for (int i = 1; i < LevelMembership.SHORT_ROUNDS_TO_LEAVE; i++) {
            s.round();
        }
        assertThat(s.status().level()).as("a full count in between starts the tally afresh").isEqualTo("p level 1");
        s.round();
        awaitProvided(Set.of());
        assertThat(s.status().level()).as("k = 5 not met three times running: stepped down").isEqualTo("none");
        assertThat(s.announced().size(Scope.GLOBAL)).isZero();
    }

    @Test
    void aTentativeLevelWaitsForItsClassDuringTheJoinWindowThenGivesUp() throws Exception {
        for (String n : List.of("a", "b", "c", "d")) {
            hold(n, true);
        }
        SetClock now = new SetClock();
        ShareService s = service(ShareMode.CANONICAL, Optional.of(publish(publisher, true)), Optional.empty(), Set.of(),
                Duration.ofMinutes(30), now);
        s.round();
        nextCount = new ClassCounts.Count(1, 1); // alone so far
        now.set(NOW.plus(Duration.ofMinutes(29)));
        s.round();
        assertThat(s.status().level()).as("still waiting for the class").isEqualTo("p level 1");
        assertThat(s.status().confirmed()).isFalse();
        assertThat(s.announced().size(Scope.GLOBAL)).isEqualTo(4);

        now.set(NOW.plus(Duration.ofMinutes(31)));
        s.round();
        assertThat(s.status().level()).isEqualTo("none");
        assertThat(s.announced().size(Scope.GLOBAL)).isZero();
    }

    @Test
    void theClassFormingWithinTheWindowConfirmsTheLevel() throws Exception {
        for (String n : List.of("a", "b", "c", "d")) {
            hold(n, true);
        }
        ShareService s = service(ShareMode.CANONICAL, Optional.of(publish(publisher, true)), Optional.empty(), Set.of(),
                Duration.ofMinutes(30), CLOCK);
        s.round();
        nextCount = new ClassCounts.Count(2, 1);
        s.round();
        assertThat(s.status().confirmed()).isFalse();
        nextCount = new ClassCounts.Count(5, 2);
        s.round();
        assertThat(s.status().confirmed()).isTrue();
        assertThat(s.status().level()).isEqualTo("p level 1");
    }

    @Test
    void aHostWhoseHoldingsDidNotQualifyJoinsOnceTheyDoButOneThatGaveUpStaysOut() throws Exception {
        hold("a", true);
        ShareService s = service(ShareMode.CANONICAL, Optional.of(publish(publisher, true)), Optional.empty(), Set.of());
        s.round();
        assertThat(s.status().level()).isEqualTo("none");
        hold("b", true);
        hold("c", true);
        hold("d", true);
        s.round();
        assertThat(s.status().level()).as("holdings arrived: a first decision again").isEqualTo("p level 1");
        nextCount = new ClassCounts.Count(1, 1);
        s.round();
        assertThat(s.status().level()).isEqualTo("none");
        nextCount = new ClassCounts.Count(50, 50);
        s.round();
        assertThat(s.status().level()).as("stepped down for lack of a class: final for the epoch").isEqualTo("none");
    }

    @Test
    void aDonorFetchesAndAnnouncesTheDeepestDonorLevelWithinItsCap() throws Exception {
        hold("a", true);
        for (String n : List.of("b", "c", "d", "e", "f", "g", "h")) {
            network.put(digest(n), content(n));
        }
        PrivacyConfig donor = PrivacyConfig.canonical().withDonor(io.intinode.node.privacy.DonorConfig.of(4, 1 << 20));
        ShareService s = service(donor, Optional.of(publish(publisher, true)), Optional.empty(), Set.of(),
                Duration.ZERO, CLOCK);
        s.round();
        assertThat(s.status().level()).as("D[2] has 8 blobs, over the cap of 4").isEqualTo("donor level 1");
        assertThat(fetched).containsExactlyInAnyOrder(digest("b"), digest("c"), digest("d"));
        ShareStatus.Donor usage = s.status().donor();
        assertThat(usage.blobs()).isEqualTo(4);
        assertThat(usage.capBlobs()).isEqualTo(4);
        assertThat(usage.bytes()).isEqualTo(4L * content("a").length);
    }

    @Test
    void holesAreFetchedInParallelButAtMostFourAtOnce() throws Exception {
        hold("a", true);
        for (String n : List.of("b", "c", "d", "e", "f", "g", "h")) {
            network.put(digest(n), content(n));
        }
        PrivacyConfig donor = PrivacyConfig.canonical().withDonor(io.intinode.node.privacy.DonorConfig.of(8, 1 << 20));
        ShareService s = service(donor, Optional.of(publish(publisher, true)), Optional.empty(), Set.of(),
                Duration.ZERO, CLOCK);
        fetchGate = new java.util.concurrent.CountDownLatch(1);
        Thread round = Thread.ofVirtual().start(() -> {
            try {
                s.round();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (inFlight.get() < ShareService.MAX_HOLE_FETCHES && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling interval of a bounded wait on the fetches
        }
        assertThat(inFlight.get()).as("fetching in parallel").isEqualTo(ShareService.MAX_HOLE_FETCHES);
        fetchGate.countDown();
        round.join(Duration.ofSeconds(10));
        assertThat(fetched).hasSize(7);
        assertThat(maxInFlight.get()).isEqualTo(ShareService.MAX_HOLE_FETCHES);
        assertThat(s.status().level()).isEqualTo("donor level 2");
    }

    @Test
    void tooFewLanPeersAtTheLevelStepsDown() throws Exception {
        for (String n : List.of("a", "b", "c", "d")) {
            hold(n, true);
        }
        ShareService s = service(ShareMode.CANONICAL, Optional.of(publish(publisher, true)), Optional.empty(), Set.of());
        s.round();
        nextCount = new ClassCounts.Count(50, 1); // office_k = 2: this host alone on its LAN
        s.round();
        assertThat(s.status().level()).isEqualTo("none");
        awaitProvided(Set.of());
    }

    @Test
    void theOfficeSetIsServedToLanPeersOnlyOnceTheLevelIsConfirmed() throws Exception {
        for (String n : List.of("a", "b", "c", "d")) {
            hold(n, true);
        }
        Digest internal = digest("internal-build");
        network.put(internal, content("internal-build"));
        ShareService s = service(ShareMode.CANONICAL, Optional.of(publish(publisher, true)),
                Optional.of(officeManifest("internal-build")), Set.of());
        s.round();
        assertThat(s.announced().mayServe(internal, true)).as("tentative: no office set yet").isFalse();
        nextCount = new ClassCounts.Count(5, 2);
        s.round();
        assertThat(fetched).contains(internal);
        assertThat(s.announced().mayServe(internal, true)).isTrue();
        assertThat(s.announced().mayServe(internal, false)).isFalse();
        assertThat(provided).doesNotContain(internal);
        assertThat(s.officeAnswer().lanSet()).containsExactly(internal);
        assertThat(s.status().announcedLan()).isEqualTo(1);
    }

    @Test
    void aHoleThatCannotBeFetchedAnnouncesNothing() throws Exception {
        hold("a", true);
        hold("b", true);
        hold("c", true);
        ShareService s = service(ShareMode.CANONICAL, Optional.of(publish(publisher, true)), Optional.empty(), Set.of());
        s.round();
        assertThat(s.status().holesMissing()).isEqualTo(1);
        assertThat(s.announced().size(Scope.GLOBAL)).isZero();
        assertThat(provided).isEmpty();
    }

    @Test
    void anEvictedBlobOfTheLevelWithdrawsTheLevelUntilItIsRefetchedAndWithoutASourceStaysWithdrawn()
            throws Exception {
        for (String n : List.of("a", "b", "c", "d")) {
            hold(n, true);
        }
        ManifestRef ref = publish(publisher, true);
        ShareService s = service(ShareMode.CANONICAL, Optional.of(ref), Optional.empty(), Set.of());
        s.round();
        nextCount = new ClassCounts.Count(5, 2);
        s.round();
        Set<Digest> level1 = Set.of(digest("a"), digest("b"), digest("c"), digest("d"));
        Set<Digest> all = new java.util.HashSet<>(level1);
        all.add(markerOfLevel1(ref));
        awaitProvided(all);

        network.put(digest("a"), content("a"));
        assertThat(store.remove(digest("a"))).isTrue();
        awaitProvided(Set.of());
        assertThat(s.announced().mayServe(digest("b"), false)).as("never the level less a").isFalse();
        s.round();
        assertThat(fetched).as("a refetched").contains(digest("a"));
        awaitProvided(all);
        assertThat(s.announced().snapshot(Scope.GLOBAL)).isEqualTo(level1);

        network.remove(digest("b"));
        assertThat(store.remove(digest("b"))).isTrue();
        awaitProvided(Set.of());
        s.round();
        assertThat(s.status().holesMissing()).isEqualTo(1);
        assertThat(s.announced().size(Scope.GLOBAL)).as("b has no source: the level stays withdrawn").isZero();
        assertThat(provided).isEmpty();
    }

    @Test
    void aMissingOfficeBlobWithholdsTheOfficeSetButNotTheLevel() throws Exception {
        for (String n : List.of("a", "b", "c", "d")) {
            hold(n, true);
        }
        ShareService s = service(ShareMode.CANONICAL, Optional.of(publish(publisher, true)),
                Optional.of(officeManifest("unreachable-build")), Set.of());
        s.round();
        nextCount = new ClassCounts.Count(5, 2);
        s.round();
        assertThat(s.status().confirmed()).isTrue();
        assertThat(s.status().announcedGlobal()).isEqualTo(4);
        assertThat(s.status().announcedLan()).isZero();
        assertThat(s.status().holesMissing()).isEqualTo(1);
    }

    @Test
    void aManifestFromAnUntrustedPublisherIsRefusedAndNothingAnnounced() throws Exception {
        for (String n : List.of("a", "b", "c", "d")) {
            hold(n, true);
        }
        PrivateKey stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        ShareService s = service(ShareMode.CANONICAL, Optional.of(publish(stranger, true)), Optional.empty(), Set.of());
        s.round();
        assertThat(s.status().manifest()).startsWith("unusable: ").contains("not a trusted publisher key");
        assertThat(s.announced().size(Scope.GLOBAL)).isZero();
        assertThat(provided).isEmpty();
    }

    @Test
    void aDeniedBlobOnTheLadderCapsTheLevel() throws Exception {
        for (String n : List.of("a", "b", "c", "d")) {
            hold(n, true);
        }
        ShareService s = service(ShareMode.CANONICAL, Optional.of(publish(publisher, true)), Optional.empty(),
                Set.of(digest("b")));
        s.round();
        assertThat(s.status().level()).isEqualTo("none");
        assertThat(s.officeAnswer()).isEqualTo(OfficeAnswer.NOTHING);
    }

    /** A LAN whose answers a test sets: peer, its marker (empty: nothing), and whether it passes serve probes. */
    private static final class FakeLan implements LanSurvey {
        final PeerId self = newPeer();
        final Map<PeerId, Optional<Digest>> answers = new java.util.LinkedHashMap<>();
        final Set<PeerId> serving = new java.util.HashSet<>();

        @Override
        public PeerId self() {
            return self;
        }

        @Override
        public List<Answer> survey() {
            return answers.entrySet().stream().map(e -> new Answer(e.getKey(), e.getValue())).toList();
        }

        @Override
        public boolean serves(PeerId peer, Set<Digest> levelBlobs) {
            return serving.contains(peer);
        }
    }

    /** Holds level 1 (a b c d) of a published manifest, on a LAN whose answers the test sets. */
    private ManifestRef holdingLevel1OnAFakeLan() {
        for (String n : List.of("a", "b", "c", "d")) {
            hold(n, true);
        }
        lan = new FakeLan();
        return publish(publisher, true);
    }

    private static PeerId newPeer() {
        return Identity.generate(new java.security.SecureRandom()).peerId();
    }

    /** A new peer ranked above (or below) {@code than} in this manifest's stand-in election. */
    private static PeerId peerRanked(CanonManifest m, PeerId than, boolean above) {
        long bar = LanViews.rank(m, than);
        while (true) {
            PeerId p = newPeer();
            if (LanViews.rank(m, p) > bar == above) {
                return p;
            }
        }
    }

    @Test
    void theElectedHostStandsInForALoneEmptyLanPeerUntilThatPeerAnnouncesToo() throws Exception {
        ManifestRef ref = holdingLevel1OnAFakeLan();
        FakeLan fake = (FakeLan) lan;
        CanonManifest m = manifest(ref);
        Digest marker = markerOfLevel1(ref);
        PeerId behind = newPeer();
        fake.answers.put(behind, Optional.empty()); // far behind on updates: announces nothing
        fake.answers.put(peerRanked(m, fake.self, true), Optional.of(marker));
        fake.answers.put(peerRanked(m, fake.self, true), Optional.of(marker));
        ShareService s = service(ShareMode.CANONICAL, Optional.of(ref), Optional.empty(), Set.of());
        nextCount = new ClassCounts.Count(50, 3);

        s.round();
        assertThat(s.status().level()).as("lowest-ranked announcer; its level keeps 2 LAN announcers without it")
                .startsWith("none (standing in");
        assertThat(s.officeAnswer()).isEqualTo(OfficeAnswer.NOTHING);
        awaitProvided(Set.of());

        PeerId lower = peerRanked(m, fake.self, false);
        fake.answers.put(lower, Optional.of(marker));
        s.round();
        assertThat(s.status().level()).as("a lower-ranked claim that fails its serve probe does not count")
                .startsWith("none (standing in");

        fake.serving.add(lower);
        s.round();
        assertThat(s.status().level()).as("the lower-ranked peer, which serves its level, is the one elected")
                .isEqualTo("p level 1");
        awaitProvided(Set.of(marker));

        fake.serving.clear();
        fake.answers.remove(lower);
        s.round();
        assertThat(s.status().level()).startsWith("none (standing in");
        fake.answers.put(behind, Optional.of(marker)); // it caught up
        s.round();
        assertThat(s.status().level()).as("no lone empty peer: joins again").isEqualTo("p level 1");
        assertThat(s.officeAnswer().levelMarker()).contains(marker);
    }

    @Test
    void twoEmptyLanPeersNeedNoStandIn() throws Exception {
        ManifestRef ref = holdingLevel1OnAFakeLan();
        FakeLan fake = (FakeLan) lan;
        fake.answers.put(newPeer(), Optional.empty());
        fake.answers.put(newPeer(), Optional.empty());
        fake.answers.put(peerRanked(manifest(ref), fake.self, true), Optional.of(markerOfLevel1(ref)));
        ShareService s = service(ShareMode.CANONICAL, Optional.of(ref), Optional.empty(), Set.of());
        s.round();
        assertThat(s.status().level()).isEqualTo("p level 1");
    }

    @Test
    void aPeerCountsAsAnnouncingNothingOnlyAfterAnsweringSoForTheJoinWindow() throws Exception {
        ManifestRef ref = holdingLevel1OnAFakeLan();
        FakeLan fake = (FakeLan) lan;
        PeerId starting = newPeer();
        fake.answers.put(starting, Optional.empty());
        CanonManifest m = manifest(ref);
        fake.answers.put(peerRanked(m, fake.self, true), Optional.of(markerOfLevel1(ref)));
        fake.answers.put(peerRanked(m, fake.self, true), Optional.of(markerOfLevel1(ref)));
        SetClock now = new SetClock();
        ShareService s = service(PrivacyConfig.canonical(), Optional.of(ref), Optional.empty(), Set.of(),
                Duration.ofMinutes(30), now);
        nextCount = new ClassCounts.Count(50, 3);
        s.round();
        now.set(NOW.plus(Duration.ofMinutes(29)));
        s.round();
        assertThat(s.status().level()).as("a peer may still be starting or filling its holes").isEqualTo("p level 1");

        fake.answers.remove(starting); // no answer for a round: its time starts again
        now.set(NOW.plus(Duration.ofMinutes(31)));
        s.round();
        fake.answers.put(starting, Optional.empty());
        s.round();
        assertThat(s.status().level()).isEqualTo("p level 1");
        now.set(NOW.plus(Duration.ofMinutes(61)));
        s.round();
        assertThat(s.status().level()).startsWith("none (standing in");
    }

    /** A clock a test sets; it starts at {@link #NOW}. */
    private static final class SetClock extends Clock {
        private volatile Instant now = NOW;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private CanonManifest manifest(ManifestRef ref) {
        return ManifestCodec.decode(store.open(ref.digest()).map(h -> {
            try (h) {
                return java.nio.file.Files.readAllBytes(h.path());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).orElseThrow()).manifest();
    }

    private Digest markerOfLevel1(ManifestRef ref) {
        return LevelMarkers.key(manifest(ref), new LevelRef("p", 1));
    }
}
