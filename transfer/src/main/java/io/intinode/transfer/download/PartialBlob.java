package io.intinode.transfer.download;

import com.sun.nio.file.ExtendedOpenOption;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A download in progress on disk: {@code <dir>/<hex>} holds the chunks written so far at their offsets,
 * {@code <dir>/<hex>.chunks} ({@link ChunkMarks}) one bit per chunk verified. The bits
 * are only a hint: on open, every marked chunk is read back and hashed again, so a crash at any moment
 * (or a changed chunk list) costs at most some refetching, never a wrong byte.
 *
 * <p>It also lends the downloader its chunk buffers ({@link #buffer}), so a download does not allocate
 * one per chunk, and builds the whole-blob SHA-256 from them as the verified prefix grows.
 *
 * <p>Chunks are written with {@code O_DIRECT} where the file system takes it, not through the page cache:
 * on the bench VM, copying a GiB into freshly allocated page-cache pages cost 1.7 to 3 CPU-seconds
 * (presumably first-touch faults of the guest's memory), a direct write of it 0.25. A download then also
 * leaves the rest of the page cache (the user's working set) alone.
 *
 * <p>{@link #write}, {@link #buffer} and {@link #recycle} may be called from several threads;
 * {@link #markVerified} from one; {@link #hashVerifiedPrefix} from any (one at a time runs).
 */
public final class PartialBlob implements AutoCloseable {
    /** As the store's own ingest: bounds the data not yet on disk. */
    static final long SYNC_EVERY_BYTES = 32L << 20;
    private final Path data;
    private final ChunkList list;
    private final FileChannel dataChannel;
    private final ChunkMarks marks;
    private final BitSet verified;
    /** The file system's block size for direct writes, or 0 when it takes none. */
    private final int directBlock;
    /**
     * One chunk write at a time: concurrent writers to one file only spin on its inode lock in the kernel
     * (5 % of the bench's CPU), and they share {@link #staging}.
     */
    private final ReentrantLock writing = new ReentrantLock();
    /** Aligned memory for direct writes, reused so that its pages stay mapped; guarded by {@link #writing}. */
    private ByteBuffer staging;
    private long written;
    /** Verified chunks kept in memory for the whole-blob digest, and spare buffers, each at most this much. */
    static final long MAX_HELD_BYTES = 32L << 20;
    /** The whole-blob SHA-256 of chunks 0 to {@code hashedChunks - 1}, in order; guarded by {@link #hashing}. */
    private final MessageDigest whole = Sha256.newDigest();
    private final ReentrantLock hashing = new ReentrantLock();
    private int hashedChunks;
    private byte[] hashBuffer;
    /** Verified chunks past the hashed prefix, as written (guarded by this); the rest are read back. */
    private final Map<Integer, byte[]> held = new HashMap<>();
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private final int bufferBytes;
    private final int maxHeld;

    private PartialBlob(Path data, ChunkList list, FileChannel dataChannel, ChunkMarks marks, BitSet verified,
            int directBlock) {
        this.data = data;
        this.directBlock = directBlock;
        this.list = list;
        this.dataChannel = dataChannel;
        this.marks = marks;
        this.verified = verified;
        this.bufferBytes = longestChunk(list);
        this.maxHeld = (int) Math.min(list.chunks().size(), MAX_HELD_BYTES / Math.max(1, bufferBytes));
    }

    /** Opens (or starts) the partial download of {@code list}'s blob, keeping only chunks that still verify. */
    public static PartialBlob open(Path dir, ChunkList list) {
        Path data = dataFile(dir, list.blob());
        try {
            Files.createDirectories(dir);
            FileChannel dataChannel = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (dataChannel.size() > list.size()) {
                dataChannel.truncate(list.size());
            }
            ChunkMarks marks = ChunkMarks.open(marksFile(dir, list.blob()), list.chunkBytes(), list.size());
            BitSet marked = marks.marks();
            BitSet verified = reverify(dataChannel, list, marked);
            if (!verified.equals(marked) || !marks.headerMatches()) {
                marks.rewrite(verified);
            }
            return new PartialBlob(data, list, dataChannel, marks, verified,
                    directBlockSize(data, longestChunk(list)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the partial download " + data, e);
        }
    }

    /** Where the bytes of {@code blob}'s partial download are, whoever writes them (peers or a webseed). */
    static Path dataFile(Path dir, Digest blob) {
        return dir.resolve(blob.hex());
    }

    /** Which chunks of {@link #dataFile} are written ({@link ChunkMarks}). */
    static Path marksFile(Path dir, Digest blob) {
        return dir.resolve(blob.hex() + ".chunks");
    }

    /** What a {@link SequentialPartial}'s writer noted about where the bytes came from. */
    static Path noteFile(Path dir, Digest blob) {
        return dir.resolve(blob.hex() + ".source");
    }

    /** Chunks verified so far (re-verified at open). */
    public synchronized BitSet verified() {
        return (BitSet) verified.clone();
    }

    /** A buffer for any chunk of this blob: a spare one when there is, else new. Give it back with {@link #recycle}. */
    public synchronized byte[] buffer() {
        byte[] b = spare.poll();
        return b != null ? b : new byte[bufferBytes];
    }

    /** Takes back a buffer from {@link #buffer} that holds nothing needed any more. */
    public synchronized void recycle(byte[] buffer) {
        if (spare.size() < maxHeld) {
            spare.push(buffer);
        }
    }

    /**
     * Writes a chunk's bytes, the first {@code list.length(chunk)} of {@code bytes}, at its offset (the
     * caller has verified them). Every {@link #SYNC_EVERY_BYTES} written, the file is flushed, so that disk
     * writes overlap the download and the fsync at commit has little left to do.
     */
    public void write(int chunk, byte[] bytes) {
        int length = list.length(chunk);
        long offset = list.offset(chunk);
        // The blocks the chunk covers whole go direct; a tail (the blob's last bytes) through the page cache.
        int direct = directBlock > 0 && offset % directBlock == 0 ? length / directBlock * directBlock : 0;
        writing.lock();
        try {
            boolean sync = (written + length) / SYNC_EVERY_BYTES != written / SYNC_EVERY_BYTES;
            if (direct > 0) {
                writeAt(staged(bytes, direct), offset, sync && direct == length, StandardOpenOption.WRITE,
                        ExtendedOpenOption.DIRECT);
            }
            if (direct < length) {
                writeAt(ByteBuffer.wrap(bytes, direct, length - direct), offset + direct, sync, StandardOpenOption.WRITE);
            }
            written += length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chunk " + chunk + " to " + data, e);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Through a channel of its own: an interrupted writer (a straggler cut short) closes only that one, not
     * the channel the whole-blob hash and the commit read back through.
     */
    private void writeAt(ByteBuffer buf, long offset, boolean force, OpenOption... options) throws IOException {
        try (FileChannel channel = FileChannel.open(data, options)) {
            while (buf.hasRemaining()) {
                offset += channel.write(buf, offset);
            }
            if (force) {
                channel.force(false);
            }
        }
    }

    /** The first {@code n} bytes in {@link #staging} (a direct write needs aligned native memory). */
    private ByteBuffer staged(byte[] bytes, int n) {
        if (staging == null) {
            staging = ByteBuffer.allocateDirect(bufferBytes + directBlock).alignedSlice(directBlock);
        }
        return staging.clear().put(bytes, 0, n).flip();
    }

    /** Records that a written chunk verified; after a crash it is re-verified, not fetched again. */
    public synchronized void markVerified(int chunk) {
        verified.set(chunk);
        marks.mark(chunk);
    }

    /**
     * {@link #markVerified(int)}, and keeps {@code bytes} (the buffer the chunk was written from, which
     * this now owns) for {@link #hashVerifiedPrefix}, unless {@link #MAX_HELD_BYTES} are held already.
     */
    public void markVerified(int chunk, byte[] bytes) {
        markVerified(chunk);
        synchronized (this) {
            if (held.size() < maxHeld) {
                held.put(chunk, bytes);
                return;
            }
        }
        recycle(bytes);
    }

    /**
     * Hashes into the whole-blob SHA-256, in order, the verified chunks that follow those already hashed:
     * the digest builds up during the download over the bytes as written, instead of in a pass of its own
     * at commit. A chunk comes from the buffer it was written from when {@link #markVerified(int, byte[])}
     * kept it, else it is read back from the file (chunks found at open, or beyond what is held).
     */
    public void hashVerifiedPrefix() {
        hashing.lock();
        try {
            while (hashedChunks < list.chunks().size() && isVerified(hashedChunks)) {
                byte[] bytes = takeHeld(hashedChunks);
                if (bytes != null) {
                    whole.update(bytes, 0, list.length(hashedChunks));
                    recycle(bytes);
                } else {
                    whole.update(readBack(hashedChunks), 0, list.length(hashedChunks));
                }
                hashedChunks++;
            }
        } finally {
            hashing.unlock();
        }
    }

    private byte[] readBack(int chunk) {
        if (hashBuffer == null) {
            hashBuffer = new byte[bufferBytes];
        }
        ByteBuffer buf = ByteBuffer.wrap(hashBuffer, 0, list.length(chunk));
        long offset = list.offset(chunk);
        try {
            while (buf.hasRemaining()) {
                if (dataChannel.read(buf, offset + buf.position()) < 0) {
                    throw new IOException("the file ends inside chunk " + chunk);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back chunk " + chunk + " of " + data, e);
        }
        return hashBuffer;
    }

    private synchronized boolean isVerified(int chunk) {
        return verified.get(chunk);
    }

    private synchronized byte[] takeHeld(int chunk) {
        return held.remove(chunk);
    }

    /**
     * Hands the data file to {@code store} (moved, not copied: its bytes are not written again), which
     * checks size and SHA-256 of the whole blob (as built by {@link #hashVerifiedPrefix}), and deletes
     * the rest of the partial download, whatever the outcome. Every chunk has verified against the chunk
     * list, so the store keeps that list. Ends this partial download: the files are closed first.
     *
     * @throws IllegalStateException when a chunk is not verified yet
     * @throws io.intinode.store.BlobMismatchException when the file is not the blob the list names
     */
    public BlobInfo commit(BlobStore store, Origin origin) {
        Digest hashed;
        hashing.lock();
        try {
            hashVerifiedPrefix();
            if (hashedChunks != list.chunks().size()) {
                throw new IllegalStateException("chunk " + hashedChunks + " of " + list.blob() + " is not verified");
            }
            hashed = Digest.of(whole.digest());
        } finally {
            hashing.unlock();
        }
        close();
        try {
            return store.ingestByMove(data, list, hashed, origin);
        } finally {
            discard(data.getParent(), list.blob());
        }
    }

    @Override
    public void close() {
        try (dataChannel; marks) {
            // closes both, the second even if the first fails
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the partial download " + data, e);
        }
    }

    /** Deletes the partial download of {@code blob} in {@code dir}, if there is one. */
    static void discard(Path dir, Digest blob) {
        try {
            Files.deleteIfExists(dataFile(dir, blob));
            Files.deleteIfExists(marksFile(dir, blob));
            Files.deleteIfExists(noteFile(dir, blob));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the partial download of " + blob + " in " + dir, e);
        }
    }

    /**
     * The block size direct writes must align to, or 0 when {@code data}'s file system refuses
     * {@code O_DIRECT} (tmpfs before Linux 6.6, for one) or its blocks are larger than a chunk.
     */
    private static int directBlockSize(Path data, int chunkBytes) {
        try (FileChannel probe = FileChannel.open(data, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
            long block = Files.getFileStore(data).getBlockSize();
            return block > 0 && block <= chunkBytes && Long.bitCount(block) == 1 ? (int) block : 0;
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    /** The first chunk's length: a small blob listed with a huge chunk size gets small buffers. */
    private static int longestChunk(ChunkList list) {
        return list.chunks().isEmpty() ? 0 : list.length(0);
    }

    private static BitSet reverify(FileChannel data, ChunkList list, BitSet marked) throws IOException {
        BitSet ok = new BitSet();
        ByteBuffer buf = ByteBuffer.allocate(longestChunk(list));
        for (int c = marked.nextSetBit(0); c >= 0; c = marked.nextSetBit(c + 1)) {
            buf.clear().limit(list.length(c));
            long offset = list.offset(c);
            while (buf.hasRemaining() && data.read(buf, offset + buf.position()) > 0) {
                // read the whole chunk or stop at the end of the file
            }
            if (!buf.hasRemaining() && Sha256.of(buf.array(), 0, buf.limit())
                    .equals(list.chunks().get(c))) {
                ok.set(c);
            }
        }
        return ok;
    }
}
