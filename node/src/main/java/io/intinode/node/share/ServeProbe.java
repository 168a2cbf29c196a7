package io.intinode.node.share;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobStore;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.transfer.download.ChunkSource;
import io.intinode.transfer.download.SourceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * "Serve this blob": asks a peer that claims a level for a random blob of it that this host holds, its chunk
 * list and a small random range, and compares both with this host's own verified copy. A cheap fake peer that
 * provides a marker without the level's bytes fails, and so does not vouch for the class.
 */
public final class ServeProbe {
    /** The most bytes one probe asks for. */
    static final int MAX_PROBE_BYTES = 4096;

    private final BlobStore store;
    private final RandomGenerator random;

    public ServeProbe(BlobStore store, RandomGenerator random) {
        this.store = store;
        this.random = random;
    }

    /** Whether {@code peer} served a random held blob of {@code levelBlobs} correctly; false if none is held. */
    public boolean probe(ChunkSource peer, Set<Digest> levelBlobs) {
        List<Digest> held = new ArrayList<>();
        for (Digest d : levelBlobs) {
            if (store.has(d)) {
                held.add(d);
            }
        }
        if (held.isEmpty()) {
            return false;
        }
        Digest blob = held.get(random.nextInt(held.size()));
        Optional<ChunkList> ours = store.chunkList(blob);
        try (BlobHandle h = store.open(blob).orElse(null)) {
            if (h == null || ours.isEmpty() || !peer.chunkList(blob).equals(ours.get())) {
                return false;
            }
            if (h.size() == 0) {
                return true;
            }
            long offset = random.nextLong(h.size());
            int length = (int) Math.min(1 + random.nextInt(MAX_PROBE_BYTES), h.size() - offset);
            return Arrays.equals(peer.read(blob, offset, length), readLocal(h, offset, length));
        } catch (SourceException | IOException e) {
            return false;
        }
    }

    private static byte[] readLocal(BlobHandle h, long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (h.channel().read(buf, offset + buf.position()) < 0) {
                throw new IOException("local copy of " + h.digest() + " ended early");
            }
        }
        return buf.array();
    }
}
