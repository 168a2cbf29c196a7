package io.intinode.fuse.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobHandle;
import io.intinode.store.Digest;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.stub.Stub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedBlobsTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    final FakeSource source = new FakeSource();
    final SharedBlobs blobs = new SharedBlobs(source);

    @AfterEach
    void close() {
        blobs.close();
    }

    @Test
    void concurrentOpensOfAMissingBlobCauseOneFetchAndShareOneFile() throws Exception {
        Stub stub = source.remote("shared content");
        source.holdFetches();
        List<Future<SharedBlobs.Lease>> opens = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                opens.add(pool.submit(() -> blobs.acquire(stub, LONG)));
            }
            assertThat(source.fetchStarted.await(10, TimeUnit.SECONDS)).isTrue();
            source.releaseFetches();
            List<SharedBlobs.Lease> leases = new ArrayList<>();
            for (Future<SharedBlobs.Lease> open : opens) {
                leases.add(open.get(10, TimeUnit.SECONDS));
            }
            assertThat(source.fetches.get()).isEqualTo(1);
            assertThat(blobs.openFiles()).isEqualTo(1);
            assertThat(read(leases.get(3))).isEqualTo("shared content");
            leases.forEach(SharedBlobs.Lease::close);
        }
        assertThat(blobs.openFiles()).isZero();
        assertThat(source.openHandles.get()).isZero();
    }

    @Test
    void aFailedFetchIsReportedAndTheNextOpenTriesAgain() {
        Stub stub = source.remote("flaky");
        source.failNext = true;
        assertThatThrownBy(() -> blobs.acquire(stub, LONG)).isInstanceOf(BlobUnavailableException.class)
                .hasMessageContaining("failed: webseed served wrong bytes");
        try (SharedBlobs.Lease lease = blobs.acquire(stub, LONG)) {
            assertThat(read(lease)).isEqualTo("flaky");
        }
        assertThat(source.fetches.get()).isEqualTo(2);
    }

    @Test
    void aFetchThatNeverEndsFailsTheOpenAtTheDeadline() {
        Stub stub = source.remote("stalled");
        source.holdFetches();
        long start = System.nanoTime();
        assertThatThrownBy(() -> blobs.acquire(stub, Duration.ofMillis(300)))
                .isInstanceOf(BlobUnavailableException.class).hasMessageContaining("did not finish within PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void otherBlobsOpenWhileAFetchRuns() throws Exception {
        Stub slow = source.remote("slow");
        Stub cached = source.cached("already here");
        source.holdFetches();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<SharedBlobs.Lease> waiting = pool.submit(() -> blobs.acquire(slow, LONG));
            assertThat(source.fetchStarted.await(10, TimeUnit.SECONDS)).isTrue();
            try (SharedBlobs.Lease lease = blobs.acquire(cached, LONG)) {
                assertThat(read(lease)).isEqualTo("already here");
            }
            assertThat(waiting).isNotDone();
            source.releaseFetches();
            waiting.get(10, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void aCachedBlobOfTheWrongSizeIsRefused() {
        Stub stub = source.cached("twelve bytes");
        Stub lying = Stub.of(stub.digest(), 99, List.of());
        assertThatThrownBy(() -> blobs.acquire(lying, LONG)).isInstanceOf(BlobUnavailableException.class)
                .hasMessageContaining("has 12 bytes but the stub says 99");
        assertThat(source.openHandles.get()).isZero();
    }

    @Test
    void closingFailsWaitingOpensAtOnce() throws Exception {
        Stub stub = source.remote("never");
        source.holdFetches();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<SharedBlobs.Lease> waiting = pool.submit(() -> blobs.acquire(stub, LONG));
            assertThat(source.fetchStarted.await(10, TimeUnit.SECONDS)).isTrue();
            blobs.close();
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(BlobUnavailableException.class);
        }
    }

    private static String read(SharedBlobs.Lease lease) {
        ByteBuffer buf = ByteBuffer.allocate(100);
        try {
            int n = lease.read(buf, 0);
            return new String(buf.array(), 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blobs as files in a folder; "remote" ones appear there only when fetched. */
    final class FakeSource implements BlobSource {
        final Map<Digest, byte[]> remote = new ConcurrentHashMap<>();
        final AtomicInteger fetches = new AtomicInteger();
        final AtomicInteger openHandles = new AtomicInteger();
        final CountDownLatch fetchStarted = new CountDownLatch(1);
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile boolean failNext;

        Stub remote(String content) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            Digest digest = Sha256.of(bytes);
            remote.put(digest, bytes);
            return Stub.of(digest, bytes.length, List.of());
        }

        Stub cached(String content) {
            Stub stub = remote(content);
            write(stub.digest(), remote.get(stub.digest()));
            return stub;
        }

        void holdFetches() {
            gate = new CountDownLatch(1);
        }

        void releaseFetches() {
            gate.countDown();
        }

        @Override
        public Optional<BlobHandle> openCached(Digest digest) {
            Path file = dir.resolve(digest.hex());
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            try {
                openHandles.incrementAndGet();
                return Optional.of(new Handle(digest, Files.size(file), file, FileChannel.open(file), openHandles));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void fetch(Stub stub) {
            fetches.incrementAndGet();
            fetchStarted.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("webseed served wrong bytes");
            }
            write(stub.digest(), remote.get(stub.digest()));
        }

        private void write(Digest digest, byte[] bytes) {
            try {
                Files.write(dir.resolve(digest.hex()), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        record Handle(Digest digest, long size, Path path, FileChannel channel, AtomicInteger open) implements BlobHandle {
            @Override
            public void close() {
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                open.decrementAndGet();
            }
        }
    }
}
