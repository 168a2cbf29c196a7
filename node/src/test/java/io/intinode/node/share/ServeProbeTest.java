package io.intinode.node.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.BlobStore;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.download.ChunkSource;
import io.intinode.transfer.download.SourceException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeProbeTest {
    @TempDir
    Path dir;

    private FileBlobStore mine;
    private FileBlobStore theirs;
    private byte[] content;
    private Digest blob;

    @BeforeEach
    void open() {
        mine = FileBlobStore.openWithoutQuota(dir.resolve("mine"), StoreConfig.withQuota(1 << 24),
                java.time.InstantSource.system());
        theirs = FileBlobStore.openWithoutQuota(dir.resolve("theirs"), StoreConfig.withQuota(1 << 24),
                java.time.InstantSource.system());
        content = new byte[3 << 20];
        new Random(5).nextBytes(content);
        blob = mine.ingest(new ByteArrayInputStream(content), BlobStore.Expected.NOTHING, Origin.LOCAL).digest();
    }

    @AfterEach
    void close() {
        mine.close();
        theirs.close();
    }

    /** A peer serving from a store, optionally flipping one byte of every range. */
    private ChunkSource peer(BlobStore store, boolean corrupt) {
        return new ChunkSource() {
            @Override
            public String name() {
                return "peer";
            }

            @Override
            public ChunkList chunkList(Digest d) {
                return store.chunkList(d).orElseThrow(() -> new SourceException("absent", true));
            }

            @Override
            public byte[] read(Digest d, long offset, int length) {
                if (!store.has(d)) {
                    throw new SourceException("absent", true);
                }
                byte[] b = java.util.Arrays.copyOfRange(content, (int) offset, (int) offset + length);
                if (corrupt) {
                    b[length / 2] ^= 1;
                }
                return b;
            }
        };
    }

    @Test
    void aPeerHoldingTheLevelPassesEveryTime() {
        theirs.ingest(new ByteArrayInputStream(content), BlobStore.Expected.NOTHING, Origin.LOCAL);
        ServeProbe probe = new ServeProbe(mine, new SplittableRandom(1));
        for (int i = 0; i < 50; i++) {
            assertThat(probe.probe(peer(theirs, false), Set.of(blob))).isTrue();
        }
    }

    @Test
    void aPeerWithoutTheBytesOrWithWrongBytesFails() {
        ServeProbe probe = new ServeProbe(mine, new SplittableRandom(2));
        assertThat(probe.probe(peer(theirs, false), Set.of(blob))).as("absent").isFalse();
        theirs.ingest(new ByteArrayInputStream(content), BlobStore.Expected.NOTHING, Origin.LOCAL);
        assertThat(probe.probe(peer(theirs, true), Set.of(blob))).as("corrupt range").isFalse();
    }

    @Test
    void withoutAHeldBlobOfTheLevelNobodyCanBeChecked() {
        Digest other = Digest.parse("sha256:" + "e".repeat(64));
        assertThat(new ServeProbe(mine, new SplittableRandom(3)).probe(peer(mine, false), Set.of(other))).isFalse();
    }
}
