package io.intinode.transfer.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.store.BlobInfo;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.TestBlobs;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialBlobTest {
    private static final int CHUNK = ChunkList.DEFAULT_CHUNK_BYTES;
    @TempDir Path dir;

    @Test
    void commitsWithTheWholeDigestReadBackAcrossAReopen() {
        byte[] content = random(3 * CHUNK + 11);
        ChunkList list = FakeSource.honest("a", content, CHUNK).chunkList(TestBlobs.sha256(content));
        try (FileBlobStore store = TestBlobs.openStore(dir.resolve("store"))) {
            // Out of order, and interrupted: chunk 0 comes last, after a reopen that re-verifies the rest.
            try (PartialBlob first = PartialBlob.open(dir.resolve("partial"), list)) {
                for (int chunk : new int[] {2, 1}) {
                    verify(first, content, chunk);
                }
            }
            PartialBlob second = PartialBlob.open(dir.resolve("partial"), list);
            verify(second, content, 3);
            verify(second, content, 0);

            BlobInfo info = second.commit(store, Origin.LAN_PEER);

            assertThat(info.digest()).isEqualTo(list.blob());
            assertThat(TestBlobs.bytes(store, list.blob())).contains(content);
            assertThat(store.chunkList(list.blob())).contains(list);
        }
    }

    @Test
    void hashesChunksKeptInMemoryAndReusesTheirBuffers() {
        byte[] content = random(3 * CHUNK + 11);
        ChunkList list = FakeSource.honest("a", content, CHUNK).chunkList(TestBlobs.sha256(content));
        try (FileBlobStore store = TestBlobs.openStore(dir.resolve("store"))) {
            PartialBlob partial = PartialBlob.open(dir.resolve("partial"), list);
            List<byte[]> buffers = new ArrayList<>();
            for (int chunk : new int[] {1, 3, 0, 2}) { // chunk 0 late: 1 and 3 wait in memory
                byte[] buffer = partial.buffer();
                buffers.add(buffer);
                System.arraycopy(content, chunk * CHUNK, buffer, 0, list.length(chunk));
                partial.write(chunk, buffer);
                partial.markVerified(chunk, buffer);
                partial.hashVerifiedPrefix();
            }
            // Chunks 0 and 1 were hashed before chunk 2 came: its buffer is one of theirs, not a new one.
            assertThat(buffers.subList(0, 3)).anySatisfy(b -> assertThat(b).isSameAs(buffers.get(3)));

            BlobInfo info = partial.commit(store, Origin.LAN_PEER);

            assertThat(info.digest()).isEqualTo(list.blob());
            assertThat(TestBlobs.bytes(store, list.blob())).contains(content);
        }
    }

    @Test
    void anInterruptedWriterDoesNotCloseTheFileForTheCommit() throws Exception {
        byte[] content = random(2 * CHUNK);
        ChunkList list = FakeSource.honest("a", content, CHUNK).chunkList(TestBlobs.sha256(content));
        try (FileBlobStore store = TestBlobs.openStore(dir.resolve("store"))) {
            PartialBlob partial = PartialBlob.open(dir.resolve("partial"), list);
            verify(partial, content, 1);
            // A second copy of chunk 1 whose fetcher is interrupted as it writes, as the downloader cuts
            // stragglers short once the blob is complete.
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread.ofVirtual().start(() -> {
                Thread.currentThread().interrupt();
                try {
                    partial.write(1, Arrays.copyOfRange(content, CHUNK, 2 * CHUNK));
                } catch (UncheckedIOException e) {
                    failed.set(e.getCause());
                }
            }).join();
            assertThat(failed.get()).isInstanceOf(ClosedByInterruptException.class);
            verify(partial, content, 0); // chunk 1 is read back for the whole-blob hash

            BlobInfo info = partial.commit(store, Origin.LAN_PEER);

            assertThat(info.digest()).isEqualTo(list.blob());
        }
    }

    @Test
    void aSmallBlobListedWithAHugeChunkSizeGetsASmallBuffer() {
        byte[] content = random(100);
        ChunkList list = FakeSource.honest("a", content, Integer.MAX_VALUE).chunkList(TestBlobs.sha256(content));
        try (PartialBlob partial = PartialBlob.open(dir.resolve("partial"), list)) {
            assertThat(partial.buffer()).hasSize(100);
        }
    }

    @Test
    void refusesToCommitBeforeEveryChunkVerified() {
        byte[] content = random(2 * CHUNK);
        Digest digest = TestBlobs.sha256(content);
        ChunkList list = FakeSource.honest("a", content, CHUNK).chunkList(digest);
        try (FileBlobStore store = TestBlobs.openStore(dir.resolve("store"));
                PartialBlob partial = PartialBlob.open(dir.resolve("partial"), list)) {
            verify(partial, content, 1);
            assertThatThrownBy(() -> partial.commit(store, Origin.LAN_PEER))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("chunk 0");
            assertThat(store.info(digest)).isEmpty();
        }
    }

    @Test
    void aFileThatIsNotTheListedBlobIsNotCommitted() {
        byte[] content = random(2 * CHUNK);
        byte[] other = content.clone();
        other[5] ^= 1;
        // A list that claims the blob `other` while its chunks are those of `content` (a lying list).
        ChunkList lie = new ChunkList(TestBlobs.sha256(other), content.length, CHUNK,
                FakeSource.honest("a", content, CHUNK).chunkList(TestBlobs.sha256(content)).chunks());
        try (FileBlobStore store = TestBlobs.openStore(dir.resolve("store"));
                PartialBlob partial = PartialBlob.open(dir.resolve("partial"), lie)) {
            verify(partial, content, 0);
            verify(partial, content, 1);
            assertThatThrownBy(() -> partial.commit(store, Origin.LAN_PEER))
                    .isInstanceOf(io.intinode.store.BlobMismatchException.class);
            assertThat(store.info(lie.blob())).isEmpty();
        }
    }

    /** What the downloader does with a chunk that verified. */
    private static void verify(PartialBlob partial, byte[] content, int chunk) {
        partial.write(chunk, Arrays.copyOfRange(content, chunk * CHUNK, Math.min(content.length, (chunk + 1) * CHUNK)));
        partial.markVerified(chunk);
        partial.hashVerifiedPrefix();
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }
}
