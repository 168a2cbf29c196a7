package io.intinode.transfer.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.ChunkList;
import io.intinode.transfer.TestBlobs;
import io.intinode.transfer.download.ChunkScheduler.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final DownloadConfig CONFIG = new DownloadConfig(2, 2, Duration.ofMinutes(5));
    private final BanList bans = new BanList();

    private static ChunkList chunks(int count) {
        List<io.intinode.store.Digest> digests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            digests.add(TestBlobs.sha256(new byte[] {(byte) i}));
        }
        return new ChunkList(TestBlobs.sha256(new byte[0]), count * 4L - 1, 4, digests);
    }

    private ChunkScheduler scheduler(int count, String... sources) {
        return new ChunkScheduler(chunks(count), new BitSet(), List.of(sources), CONFIG, bans);
    }

    /** Every step until the scheduler asks to wait or ends. */
    private static List<Step> drain(ChunkScheduler s, Instant now) {
        List<Step> steps = new ArrayList<>();
        Step step;
        do {
            step = s.next(now);
            steps.add(step);
        } while (step instanceof Step.Fetch);
        return steps;
    }

    @Test
    void spreadsChunksOverSourcesUpToTheInFlightLimit() {
        ChunkScheduler s = scheduler(6, "a", "b");
        assertThat(drain(s, T0)).containsExactly(
                new Step.Fetch("a", 0), new Step.Fetch("a", 1),
                new Step.Fetch("b", 2), new Step.Fetch("b", 3), new Step.Wait());
        s.verified("b", 2);
        assertThat(drain(s, T0)).containsExactly(new Step.Fetch("b", 4), new Step.Wait());
    }

    @Test
    void isDoneWhenEveryChunkIsVerifiedAndSkipsChunksVerifiedBefore() {
        BitSet already = new BitSet();
        already.set(0);
        already.set(2);
        ChunkScheduler s = new ChunkScheduler(chunks(3), already, List.of("a"), CONFIG, bans);
        assertThat(drain(s, T0)).containsExactly(new Step.Fetch("a", 1), new Step.Wait());
        s.verified("a", 1);
        assertThat(s.next(T0)).isEqualTo(new Step.Done());
    }

    @Test
    void anEmptyBlobIsDoneAtOnce() {
        ChunkList empty = new ChunkList(TestBlobs.sha256(new byte[0]), 0, 4, List.of());
        assertThat(new ChunkScheduler(empty, new BitSet(), List.of(), CONFIG, bans).next(T0))
                .isEqualTo(new Step.Done());
    }

    @Test
    void aBadChunkBansTheSourceForTheBanTimeAndTheChunkGoesElsewhere() {
        ChunkScheduler s = scheduler(3, "liar", "honest");
        assertThat(drain(s, T0)).containsExactly(new Step.Fetch("liar", 0), new Step.Fetch("liar", 1),
                new Step.Fetch("honest", 2), new Step.Fetch("honest", 0), new Step.Wait());
        s.corrupt("liar", 0, "sha256 mismatch", T0);
        assertThat(bans.reason("liar", T0.plus(Duration.ofMinutes(4)))).hasValueSatisfying(
                r -> assertThat(r).contains("bad chunk 0").contains("sha256 mismatch"));
        assertThat(bans.banned("liar", T0.plus(Duration.ofMinutes(5)))).isFalse();
        assertThat(s.banned()).containsExactly("liar");
        assertThat(s.verified("honest", 2)).isTrue();
        assertThat(drain(s, T0)).containsExactly(new Step.Fetch("honest", 1), new Step.Wait());
        // A late result from the banned source (its other request) still counts if it verifies.
        assertThat(s.verified("liar", 1)).isTrue();
        assertThat(s.verified("honest", 0)).isTrue();
        assertThat(s.next(T0)).isEqualTo(new Step.Done());
        assertThat(s.verified("honest", 1)).as("a second copy of a chunk").isFalse();
    }

    @Test
    void nearTheEndAnIdleSourceAlsoAsksForASlowSourcesChunkAndTheFirstCopyWins() {
        ChunkScheduler s = new ChunkScheduler(chunks(2), new BitSet(), List.of("fast", "slow"),
                new DownloadConfig(1, 3, Duration.ofMinutes(1)), bans);
        assertThat(drain(s, T0)).containsExactly(new Step.Fetch("fast", 0), new Step.Fetch("slow", 1), new Step.Wait());
        assertThat(s.verified("fast", 0)).isTrue();
        assertThat(drain(s, T0)).containsExactly(new Step.Fetch("fast", 1), new Step.Wait());
        assertThat(s.verified("fast", 1)).isTrue();
        assertThat(s.next(T0)).isEqualTo(new Step.Done());
        assertThat(s.verified("slow", 1)).isFalse();
    }

    @Test
    void aFailedChunkIsRetriedAtAnotherSourceFirst() {
        ChunkScheduler s = new ChunkScheduler(chunks(2), new BitSet(), List.of("a", "b"),
                new DownloadConfig(1, 3, Duration.ofMinutes(1)), bans);
        assertThat(drain(s, T0)).containsExactly(new Step.Fetch("a", 0), new Step.Fetch("b", 1), new Step.Wait());
        s.failed("a", 0, new SourceException("timeout", false));
        s.verified("b", 1);
        assertThat(drain(s, T0)).containsExactly(new Step.Fetch("b", 0), new Step.Wait());
    }

    @Test
    void aSourceThatFailsTooOftenOrLacksTheBlobIsDroppedAndTheErrorSaysWhy() {
        ChunkScheduler s = new ChunkScheduler(chunks(2), new BitSet(), List.of("flaky", "empty"),
                new DownloadConfig(1, 2, Duration.ofMinutes(1)), bans);
        assertThat(drain(s, T0)).containsExactly(new Step.Fetch("flaky", 0), new Step.Fetch("empty", 1), new Step.Wait());
        s.failed("empty", 1, new SourceException("not found", true));
        s.failed("flaky", 0, new SourceException("reset", false));
        assertThat(drain(s, T0)).containsExactly(new Step.Fetch("flaky", 1), new Step.Wait());
        s.failed("flaky", 1, new SourceException("reset again", false));
        assertThat(s.next(T0)).isInstanceOfSatisfying(Step.Failed.class, f -> assertThat(f.reason())
                .contains("2 of 2 chunks missing")
                .contains("empty does not have the blob")
                .contains("flaky failed 2 times, last: reset again"));
        assertThat(bans.banned("flaky", T0)).isFalse();
    }

    @Test
    void aSourceBannedElsewhereIsNotAsked() {
        bans.ban("bad", "earlier download", T0.plusSeconds(60));
        ChunkScheduler s = scheduler(1, "bad");
        assertThat(s.next(T0)).isInstanceOfSatisfying(Step.Failed.class,
                f -> assertThat(f.reason()).contains("bad is banned: earlier download"));
        assertThat(scheduler(1, "bad").next(T0.plusSeconds(60))).isEqualTo(new Step.Fetch("bad", 0));
    }

    @Test
    void noSourcesFailsAtOnce() {
        assertThat(scheduler(1).next(T0)).isInstanceOf(Step.Failed.class);
    }
}
