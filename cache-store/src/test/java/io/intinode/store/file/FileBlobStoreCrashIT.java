package io.intinode.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.BlobInfo;
import io.intinode.store.Digest;
import io.intinode.store.StoreConfig;
import io.intinode.store.TestClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real child JVM (kill -9) while it writes to the store, then reopens the store and checks it. */
class FileBlobStoreCrashIT {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killedInTheMiddleOfALargeIngestLeavesNothingVisible() throws Exception {
        child = start("big");
        waitForTempFileOf(8L << 20);

        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(tempFiles()).as("the killed ingest left its temp file").isNotEmpty();

        try (FileBlobStore store = FileBlobStore.openWithoutQuota(dir, StoreConfig.DEFAULTS, new TestClock())) {
            assertThat(tempFiles()).isEmpty();
            assertThat(list(store)).isEmpty();
            assertThat(blobFiles()).isEmpty();
            assertThat(store.usedBytes()).isZero();
        }
    }

    @Test
    void killedAmidManyCommitsKeepsEveryReportedBlobAndAgreesWithTheDisk() throws Exception {
        child = start("many");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = child.inputReader(StandardCharsets.US_ASCII)) {
                r.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // the child was killed and its pipe closed; the lines read so far are what counts
            }
        });
        Set<Digest> reported = new HashSet<>();
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (reported.size() < 30) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("child reported only %d commits in time", reported.size()).isNotNull();
            reported.add(Digest.parse(line));
        }

        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(reader.join(java.time.Duration.ofSeconds(30))).isTrue();
        for (String late; (late = lines.poll()) != null; ) {
            reported.add(Digest.parse(late)); // printed before the kill, so committed
        }

        try (FileBlobStore store = FileBlobStore.openWithoutQuota(dir, StoreConfig.DEFAULTS, new TestClock())) {
            assertThat(tempFiles()).isEmpty();
            List<Digest> indexed = list(store).stream().map(BlobInfo::digest).toList();
            assertThat(indexed).containsAll(reported);
            assertThat(new HashSet<>(indexed)).isEqualTo(blobFiles());
            VerifyReport verify = store.verify(n -> {});
            assertThat(verify.quarantined()).isEmpty();
            assertThat(verify.checked()).isEqualTo(indexed.size());
            assertThat(store.usedBytes()).isEqualTo(list(store).stream().mapToLong(BlobInfo::size).sum());
            for (Digest d : indexed) {
                Path chunks = dir.resolve("blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex() + ChunkListFile.SUFFIX);
                assertThat(chunks).as("chunk list of %s", d).exists();
                assertThat(store.chunkList(d).orElseThrow().chunks())
                        .isEqualTo(ChunkListFile.compute(dir.resolve("blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex())));
            }
        }
    }

    private Process start(String mode) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), mode, dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** Waits (on file-system events, bounded) until an ingest's temp file holds at least {@code bytes}. */
    private void waitForTempFileOf(long bytes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        Path tmp = dir.resolve("tmp");
        awaitEvents(dir, deadline, () -> Files.isDirectory(tmp));
        awaitEvents(tmp, deadline, () -> largestTempFile() >= bytes);
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private void awaitEvents(Path watched, long deadline, Condition condition) throws IOException, InterruptedException {
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            watched.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (!condition.holds()) {
                assertThat(child.isAlive()).as("child died").isTrue();
                long left = deadline - System.nanoTime();
                assertThat(left).as("condition on %s not met in time", watched).isPositive();
                WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    private long largestTempFile() throws IOException {
        long max = 0;
        for (Path p : tempFiles()) {
            max = Math.max(max, Files.size(p));
        }
        return max;
    }

    private List<Path> tempFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.resolve("tmp"))) {
            s.forEach(files::add);
        }
        return files;
    }

    private Set<Digest> blobFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(dir.resolve("blobs"))) {
            return walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(name -> !name.endsWith(ChunkListFile.SUFFIX)).map(Digest::new)
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private static List<BlobInfo> list(FileBlobStore store) {
        try (Stream<BlobInfo> s = store.list()) {
            return s.toList();
        }
    }
}
