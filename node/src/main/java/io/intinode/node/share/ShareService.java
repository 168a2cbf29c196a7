package io.intinode.node.share;

import io.intinode.node.office.OfficeAnswer;
import io.intinode.node.privacy.ClassCounts;
import io.intinode.node.privacy.LanView;
import io.intinode.node.privacy.LevelRef;
import io.intinode.node.privacy.PrivacyConfig;
import io.intinode.node.privacy.ShareMode;
import io.intinode.node.privacy.SharePlan;
import io.intinode.node.privacy.SharePolicy;
import io.intinode.node.privacy.ShareRequest;
import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.Ladder;
import io.intinode.node.privacy.canon.LevelMarkers;
import io.intinode.node.privacy.canon.ManifestException;
import io.intinode.node.privacy.canon.ProfileLevels;
import io.intinode.node.seeding.SeedingGate;
import io.intinode.node.seeding.SeedingGates;
import io.intinode.p2p.identity.PeerId;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the announcement policy in the node: each round reads the holdings, loads the manifest, refreshes the
 * class count of the level held, asks {@link SharePolicy} for the plan, fetches its holes through the resolver
 * and hands the {@link ShareAnnouncer} the target. Rounds run on a holdings change and on a timer.
 *
 * <p>Under {@code canonical} a level is joined in two steps: while tentative only its marker key is provided
 * (and its blobs are servable, which the marker already claims, so other hosts' serve probes pass); once a
 * later round finds the class large enough (the policy keeps the level) its blobs are provided too and the
 * office set is served to LAN peers. Under {@code all} every shareable blob held is announced, as
 * {@code share = on} always did: the node knows package versions only for blobs a manifest lists.
 */
public final class ShareService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShareService.class);
    /** How often the OS readings behind the seeding gates are refreshed: unplugging should pause uploads soon. */
    static final java.time.Duration READINGS_EVERY = java.time.Duration.ofMinutes(1);
    /** Holes fetched at once: each may wait on a DHT lookup, but a plan must not start hundreds of downloads. */
    static final int MAX_HOLE_FETCHES = 4;

    /** Fetches a blob into the store through the resolver chain; throws when no source had it. */
    @FunctionalInterface
    public interface Fetcher {
        void fetch(Digest digest, long size, List<String> urls);
    }

    /** Counts the hosts announcing a level (the marker's providers that pass a serve probe), this one included. */
    @FunctionalInterface
    public interface ClassCounter {
        ClassCounts.Count count(Digest marker, Set<Digest> levelBlobs) throws InterruptedException;
    }

    private final ShareSettings settings;
    private final BlobStore store;
    private final ShareAnnouncer announcer;
    private final Fetcher fetcher;
    private final ManifestSource manifests;
    private final ClassCounter counter;
    private final LanSurvey lan;
    private final SeedingGate gate;
    private final Clock clock;
    /** Released by each holdings change; a round drains it, so changes during a round cause one more. */
    private final Semaphore wake = new Semaphore(0);
    /** Orders a mode switch against a round's hand-over, so a round planned before "off" cannot announce. */
    private final Object applyLock = new Object();
    private volatile ShareMode mode;
    private volatile boolean closed;
    private Thread loop;

    // Rounds run one at a time (guarded by this); status readers see the volatile outcome.
    private Digest manifestDigest;
    private final LevelMembership membership;
    /** Since when each LAN peer has answered that it announces nothing, as far as the surveys saw. */
    private Map<PeerId, java.time.Instant> emptySince = Map.of();
    /** The last round's result as status and LAN peers see it, published at once at the end of the round. */
    private volatile Outcome outcome = Outcome.NONE;

    /**
     * @param marker the level's marker key, present while the level (tentative or confirmed) is announced
     */
    private record Outcome(String manifestNote, LevelRef level, boolean confirmed, ClassCounts.Count count,
            int holesMissing, Optional<Digest> marker, boolean standingIn) {
        static final Outcome NONE = new Outcome("", LevelRef.NONE, false, new ClassCounts.Count(0, 0), 0,
                Optional.empty(), false);
    }

    /** @param lan what LAN peers announce, for the stand-in rule ({@link LanSurvey#NONE} without a LAN) */
    public ShareService(ShareSettings settings, BlobStore store, Fetcher fetcher, ClassCounter counter,
            LanSurvey lan, SeedingGate gate, ShareAnnouncer.Providing dht, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.fetcher = fetcher;
        this.counter = counter;
        this.lan = lan;
        this.gate = gate;
        this.clock = clock;
        this.mode = settings.privacy().mode();
        this.manifests = new ManifestSource(store, fetcher, settings.publishers());
        this.membership = new LevelMembership(settings.privacy(), settings.joinWindow());
        this.announcer = new ShareAnnouncer(dht, this::wake);
        store.addListener(announcer);
    }

    /** Starts the rounds: one now, then one per holdings change (coalesced) or per interval. */
    public ShareService start() {
        loop = Thread.ofVirtual().name("share-plan").start(this::run);
        return this;
    }

    private void run() {
        long nextRound = System.nanoTime();
        while (!closed) {
            try {
                boolean woken = wake.tryAcquire(Math.max(0, Math.min(READINGS_EVERY.toNanos(),
                        nextRound - System.nanoTime())), TimeUnit.NANOSECONDS);
                wake.drainPermits();
                gate.refresh();
                if (woken || System.nanoTime() - nextRound >= 0) {
                    gate.save();
                    round();
                    nextRound = System.nanoTime() + settings.replanEvery().toNanos();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("share round failed: {}", e.toString());
                nextRound = System.nanoTime() + settings.replanEvery().toNanos();
            }
        }
    }

    /** Asks for a round soon; does not block. */
    public void wake() {
        wake.release();
    }

    public AnnouncedIndex announced() {
        return announcer.announced();
    }

    public boolean sharing() {
        return mode != ShareMode.OFF;
    }

    /**
     * {@code share on|off} at run time: on is the configured {@code share-mode} ({@code all} when that is off),
     * off withdraws everything.
     */
    public void setSharing(boolean on) {
        ShareMode configured = settings.privacy().mode();
        synchronized (applyLock) {
            mode = on ? (configured == ShareMode.OFF ? ShareMode.ALL : configured) : ShareMode.OFF;
            if (!on) {
                announcer.apply(ShareTarget.NOTHING);
            }
        }
        wake();
    }

    /** Marks a blob fetched by digest and URL shareable (no stub said {@code "share":false}) and re-plans. */
    public void markShareable(Digest digest) {
        store.setShareable(digest, true);
        wake();
    }

    /** One planning round (the loop runs them; public for tests). */
    public synchronized void round() throws InterruptedException {
        switch (mode) {
            case OFF -> {
                outcome = Outcome.NONE;
                withdrawAll(ShareMode.OFF);
            }
            case ALL -> {
                outcome = Outcome.NONE;
                applyIfStill(ShareMode.ALL, ShareTarget.everywhere(shareableHeld()));
            }
            case CANONICAL -> canonicalRound();
        }
    }

    private void applyIfStill(ShareMode planned, ShareTarget target) {
        synchronized (applyLock) {
            if (mode == planned) {
                announcer.apply(target);
            }
        }
    }

    private void withdrawAll(ShareMode planned) {
        applyIfStill(planned, ShareTarget.NOTHING);
        membership.reset();
    }

    private Set<Digest> shareableHeld() {
        try (Stream<BlobInfo> all = store.list()) {
            return all.filter(b -> b.shareable() && !settings.deniedBlobs().contains(b.digest()))
                    .map(BlobInfo::digest).collect(Collectors.toSet());
        }
    }

    private void canonicalRound() throws InterruptedException {
        CanonManifest manifest;
        Set<Digest> officeSet;
        String manifestNote;
        try {
            ManifestRef ref = settings.manifest().orElseThrow(
                    () -> new ManifestException("no manifest configured (share-manifest)"));
            manifest = manifests.load(ref);
            officeSet = settings.officeManifest().map(r -> ManifestHoldings.allBlobs(manifests.load(r))).orElse(Set.of());
            if (!ref.digest().equals(manifestDigest)) {
                manifestDigest = ref.digest();
                membership.reset(); // a new epoch: join afresh
            }
            manifestNote = "epoch " + manifest.epoch() + " by " + manifest.publisher() + ", valid until "
                    + manifest.notAfter();
        } catch (ManifestException e) {
            withdrawAll(ShareMode.CANONICAL);
            outcome = new Outcome("unusable: " + e.getMessage(), LevelRef.NONE, false, new ClassCounts.Count(0, 0),
                    0, Optional.empty(), false);
            return;
        }
        Ladder<Digest> profile = settings.profile().flatMap(manifest::profile).map(ProfileLevels::toLadder)
                .orElse(null);
        Ladder<Digest> donors = manifest.donorLadder();
        Ladder<Digest> ladder = settings.privacy().donor().enabled() ? donors : profile;
        ClassCounts.Count count = new ClassCounts.Count(0, 0);
        Optional<LevelRef> held = membership.toCount();
        if (held.isPresent() && ladder != null) {
            count = counter.count(LevelMarkers.key(manifest, held.get()), ladder.level(held.get().level()));
        }
        LevelMembership.Input in = membership.input(count, clock.instant());
        LanView lanView = lanView(manifest);
        SharePlan<Digest> plan = new SharePolicy(settings.privacy(), clock).decide(new ShareRequest<>(
                ManifestHoldings.of(store, manifest, settings.deniedBlobs()), manifest.latestVersions(), profile, donors, manifest.notAfter(), in.previous(),
                in.counts(), officeSet, lanView));
        if (plan.standingIn()) {
            membership.standIn();
            applyIfStill(ShareMode.CANONICAL, ShareTarget.NOTHING);
            outcome = new Outcome(manifestNote, LevelRef.NONE, false, count, 0, Optional.empty(), true);
            return;
        }
        Set<Digest> levelHoles = new HashSet<>(plan.fetchFirst());
        levelHoles.retainAll(plan.global());
        Set<Digest> officeHoles = new HashSet<>(plan.fetchFirst());
        officeHoles.removeAll(levelHoles);
        int levelMissing = fill(levelHoles, ladder);
        // The office set is all or nothing too, but a missing office blob must not hide the level.
        int officeMissing = fill(officeHoles, ladder);
        boolean announcing = !plan.level().isNone() && levelMissing == 0;
        boolean confirmed = membership.record(plan.level(), announcing, in, clock.instant());
        if (!announcing) {
            // Announcing part of a level would be a set of its own: nothing until every hole is filled.
            applyIfStill(ShareMode.CANONICAL, ShareTarget.NOTHING);
            outcome = new Outcome(manifestNote, plan.level(), false, count, levelMissing + officeMissing,
                    Optional.empty(), false);
            return;
        }
        Digest m = LevelMarkers.key(manifest, plan.level());
        Set<Digest> provided = new HashSet<>();
        provided.add(m);
        if (confirmed) {
            provided.addAll(plan.global());
        }
        applyIfStill(ShareMode.CANONICAL, ShareTarget.level(provided, plan.global(),
                confirmed && officeMissing == 0 ? plan.lanOnly() : Set.of()));
        outcome = new Outcome(manifestNote, plan.level(), confirmed, count, levelMissing + officeMissing,
                Optional.of(m), false);
    }

    /**
     * What the LAN peers announce. A peer counts as announcing nothing once it has answered so for the join
     * window, the time a host gets to reach its level.
     */
    private LanView lanView(CanonManifest manifest) throws InterruptedException {
        int officeK = settings.privacy().officeK();
        if (officeK == 0) {
            return LanView.NONE;
        }
        List<LanSurvey.Answer> answers = lan.survey();
        java.time.Instant now = clock.instant();
        Map<PeerId, java.time.Instant> still = new HashMap<>();
        for (LanSurvey.Answer a : answers) {
            if (a.marker().isEmpty()) {
                still.put(a.peer(), emptySince.getOrDefault(a.peer(), now));
            }
        }
        emptySince = still;
        return LanViews.of(manifest, lan, answers,
                p -> !still.get(p).plus(settings.joinWindow()).isAfter(now), officeK);
    }

    /** Fetches the blobs the plan needs, a few at a time; returns how many could not be fetched. */
    private int fill(Set<Digest> holes, Ladder<Digest> ladder) throws InterruptedException {
        Map<Digest, Long> sizes = new HashMap<>();
        if (ladder != null) {
            ladder.entries().forEach(e -> sizes.put(e.blob(), e.sizeBytes() > 0 ? e.sizeBytes()
                    : BlobStore.Expected.UNKNOWN_SIZE));
        }
        AtomicInteger missing = new AtomicInteger();
        Semaphore slots = new Semaphore(MAX_HOLE_FETCHES);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Digest d : holes) {
                if (store.has(d)) {
                    continue;
                }
                slots.acquire();
                pool.submit(() -> {
                    try {
                        fetcher.fetch(d, sizes.getOrDefault(d, BlobStore.Expected.UNKNOWN_SIZE), List.of());
                        store.setShareable(d, true); // listed in a public manifest: shareable by definition
                    } catch (RuntimeException e) {
                        log.info("cannot fetch {} for the share plan yet: {}", d, e.getMessage());
                        missing.incrementAndGet();
                    } finally {
                        slots.release();
                    }
                });
            }
        } // close() waits for every fetch
        return missing.get();
    }

    /** What this host tells LAN peers over {@code /intinode/office/1.0.0}. */
    public OfficeAnswer officeAnswer() {
        return OfficeAnswer.of(outcome.marker(), announcer.current().servableLan());
    }

    public ShareStatus status() {
        PrivacyConfig p = settings.privacy();
        Outcome o = outcome;
        LevelRef level = o.level();
        String levelText = switch (mode) {
            case OFF -> "none";
            case ALL -> "all";
            case CANONICAL -> o.standingIn() ? "none (standing in: a LAN peer announcing nothing would be alone)"
                    : level.isNone() ? "none" : level.ladder() + " level " + level.level();
        };
        ShareStatus.Donor donor = null;
        if (mode == ShareMode.CANONICAL && p.donor().enabled()) {
            long bytes = 0;
            for (Digest d : announcer.current().servableGlobal()) {
                bytes += store.info(d).map(BlobInfo::size).orElse(0L);
            }
            donor = new ShareStatus.Donor(announcer.current().servableGlobal().size(), p.donor().capBlobs(), bytes,
                    p.donor().capBytes());
        }
        SeedingGates.Decision gates = gate.decision();
        return new ShareStatus(mode.name().toLowerCase(java.util.Locale.ROOT),
                mode == ShareMode.CANONICAL ? o.manifestNote() : "", levelText, o.confirmed(), o.count().global(),
                o.count().lan(), announced().size(AnnouncedIndex.Scope.GLOBAL),
                announced().size(AnnouncedIndex.Scope.LAN), o.holesMissing(), donor, gates.closed(), gates.notes(), gate.uploadedThisMonth());
    }

    @Override
    public void close() {
        closed = true;
        if (loop != null) {
            loop.interrupt();
        }
        gate.save();
    }
}
