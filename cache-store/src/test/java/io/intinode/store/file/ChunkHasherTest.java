package io.intinode.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.store.Blobs;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ChunkHasherTest {
    @Test
    void cutsAtChunkBoundariesWhateverThePiecesFedIn() {
        byte[] content = Blobs.random(10_000, 1);
        ChunkHasher hasher = new ChunkHasher(4096);
        int[] pieces = {1, 4095, 4096, 100, 1000, 1, 707};
        int off = 0;
        for (int n : pieces) {
            if (n % 2 == 0) {
                hasher.update(content, off, n);
            } else {
                hasher.update(ByteBuffer.wrap(content, off, n));
            }
            off += n;
        }
        assertThat(off).isEqualTo(content.length);
        assertThat(hasher.finish()).isEqualTo(Blobs.chunkDigests(content, 4096));
    }

    @Test
    void nothingFedInMeansNoChunks() {
        assertThat(new ChunkHasher(4096).finish()).isEmpty();
    }
}
