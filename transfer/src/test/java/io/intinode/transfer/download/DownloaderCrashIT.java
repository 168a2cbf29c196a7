package io.intinode.transfer.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.TestBlobs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a downloading child JVM, then the download resumes here without refetching verified chunks. */
class DownloaderCrashIT {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    @TempDir Path dir;
    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDownloadKilledWithSigkillResumesFromItsVerifiedChunks() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), DownloadCrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = child.inputReader(StandardCharsets.US_ASCII)) {
                r.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException e) {
                lines.add("pipe closed: " + e);
            }
        });
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        for (int i = 0; i < DownloadCrashChild.DELIVERED; i++) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("child verified only %d chunks in time", i).isEqualTo("verified");
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no cleanup

        byte[] content = DownloadCrashChild.content();
        Digest digest = Sha256.of(content);
        FakeSource second = FakeSource.honest("second", content, DownloadCrashChild.CHUNK);
        try (FileBlobStore store = TestBlobs.openStore(dir.resolve("store"))) {
            assertThat(store.has(digest)).isFalse();
            new Downloader(store, dir.resolve("partial"), DownloadConfig.DEFAULTS, new BanList(), InstantSource.system())
                    .download(digest, content.length, List.of(second), Origin.LAN_PEER, DownloadListener.NONE);
            assertThat(TestBlobs.bytes(store, digest)).hasValue(content);
        }
        assertThat(second.reads().keySet()).containsExactlyElementsOf(
                IntStream.range(DownloadCrashChild.DELIVERED, DownloadCrashChild.CHUNKS).boxed().toList());
        assertThat(second.reads().values()).containsOnly(1);
    }
}
