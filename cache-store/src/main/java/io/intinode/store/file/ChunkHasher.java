package io.intinode.store.file;

import io.intinode.store.Digest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Hashes a blob's bytes, as they stream past, into the SHA-256 of each fixed-size chunk, whatever the
 * sizes of the pieces fed in. Not thread-safe: one ingest, one thread at a time.
 */
public final class ChunkHasher {
    private final int chunkBytes;
    private final MessageDigest sha = Sha256.newDigest();
    private final List<Digest> chunks = new ArrayList<>();
    private int inChunk;

    public ChunkHasher(int chunkBytes) {
        this.chunkBytes = chunkBytes;
    }

    public void update(byte[] buf, int offset, int length) {
        update(ByteBuffer.wrap(buf, offset, length));
    }

    /** Consumes the buffer's remaining bytes. */
    public void update(ByteBuffer buf) {
        while (buf.hasRemaining()) {
            int n = Math.min(buf.remaining(), chunkBytes - inChunk);
            sha.update(buf.slice(buf.position(), n));
            buf.position(buf.position() + n);
            inChunk += n;
            if (inChunk == chunkBytes) {
                chunks.add(Digest.of(sha.digest()));
                inChunk = 0;
            }
        }
    }

    /** The chunk digests, the last (shorter) chunk included; an empty blob has none. */
    public List<Digest> finish() {
        if (inChunk > 0) {
            chunks.add(Digest.of(sha.digest()));
            inChunk = 0;
        }
        return List.copyOf(chunks);
    }
}
