package io.intinode.transfer.download;

import io.intinode.store.ChunkList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The {@code <hex>.chunks} file of a partial download: a header (chunk size, blob size) and one bit per chunk
 * whose bytes are in the data file. Peer downloads and webseed fetches keep the same file, so either can take up
 * what the other left. The bits are only a hint: a reader checks the bytes they point at before it relies on them.
 *
 * <p>Not thread-safe: its owner calls it under its own lock.
 */
final class ChunkMarks implements AutoCloseable {
    private static final int HEADER_BYTES = Integer.BYTES + Long.BYTES;
    private final Path file;
    private final FileChannel channel;
    private final int chunkBytes;
    private final long size;
    private final BitSet marks;
    private boolean headerMatches;

    private ChunkMarks(Path file, FileChannel channel, int chunkBytes, long size, BitSet marks, boolean headerMatches) {
        this.file = file;
        this.channel = channel;
        this.chunkBytes = chunkBytes;
        this.size = size;
        this.marks = marks;
        this.headerMatches = headerMatches;
    }

    /**
     * Opens (or creates) the marks of a blob of {@code size} bytes in chunks of {@code chunkBytes}; a file that is
     * new, truncated or made for another chunk size or blob size holds no marks.
     */
    static ChunkMarks open(Path file, int chunkBytes, long size) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                BitSet marks = read(channel, chunkBytes, size);
                return new ChunkMarks(file, channel, chunkBytes, size, marks == null ? new BitSet() : marks,
                        marks != null);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** The marks as read at open, and set since. */
    BitSet marks() {
        return (BitSet) marks.clone();
    }

    /** False when the file was new or for another blob: it needs a {@link #rewrite} before any {@link #mark}. */
    boolean headerMatches() {
        return headerMatches;
    }

    /** Records that {@code chunk}'s bytes are written (one byte of the file rewritten). */
    void mark(int chunk) {
        marks.set(chunk);
        int first = chunk / 8 * 8;
        byte[] bits = Arrays.copyOf(marks.get(first, first + 8).toByteArray(), 1);
        try {
            channel.write(ByteBuffer.wrap(bits), HEADER_BYTES + chunk / 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record chunk " + chunk + " in " + file, e);
        }
    }

    /** Replaces the file's content with the header and {@code kept}. */
    void rewrite(BitSet kept) {
        marks.clear();
        marks.or(kept);
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + bitmapBytes(chunkBytes, size));
        buf.putInt(chunkBytes).putLong(size).put(kept.toByteArray()).clear();
        try {
            channel.truncate(0);
            while (buf.hasRemaining()) {
                channel.write(buf, buf.position());
            }
            headerMatches = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    private static int bitmapBytes(int chunkBytes, long size) {
        return (ChunkList.chunkCount(size, chunkBytes) + 7) / 8;
    }

    /** The marks, or null when the file is new, truncated or made for another chunk size or blob size. */
    private static BitSet read(FileChannel channel, int chunkBytes, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + bitmapBytes(chunkBytes, size));
        while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
            // read until full or end of file
        }
        if (buf.hasRemaining() || buf.getInt(0) != chunkBytes || buf.getLong(Integer.BYTES) != size) {
            return null;
        }
        BitSet marks = BitSet.valueOf(buf.position(HEADER_BYTES));
        return marks.get(0, ChunkList.chunkCount(size, chunkBytes));
    }
}
