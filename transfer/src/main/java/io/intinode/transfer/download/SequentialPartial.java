package io.intinode.transfer.download;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.file.ChunkHasher;
import io.intinode.store.file.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.Optional;

/**
 * A partial download written in order from byte 0, as a webseed sends it. It keeps the files of a
 * {@link PartialBlob}: the bytes at their offsets and a mark per {@link ChunkList#DEFAULT_CHUNK_BYTES} chunk
 * written, so a peer download takes up (after checking them against its chunk list) the chunks a webseed left,
 * and a webseed continues after the leading run of marked chunks, whoever wrote them. Nothing kept is trusted:
 * opening reads the kept bytes back from the disk and hashes them, later bytes are hashed as they are written,
 * and the store commits the file only if that hash is the blob's, so a torn write (a crash before the bytes
 * reached the disk) can cost a refetch, never a wrong blob. A fetch that is not cut short hashes its bytes
 * once, as it writes them, as a streamed ingest does. Beside them, a note ({@code <hex>.source}) lets the
 * writer keep what it needs to continue, such as the server's validator.
 *
 * <p>One thread uses it, from {@link PartialArea#tryOpenSequential} to {@link #close}, which ends its turn.
 */
public final class SequentialPartial implements AutoCloseable {
    /** A note longer than this is not one this class wrote: it is ignored. */
    public static final int MAX_NOTE_BYTES = 4096;
    private static final int CHUNK_BYTES = ChunkList.DEFAULT_CHUNK_BYTES;
    private final Path dir;
    private final Digest blob;
    private final long size;
    /** Ends this writer's turn; run once, by {@link #close}. */
    private final Runnable endTurn;
    private final FileChannel data;
    private final ChunkMarks marks;
    /** The SHA-256 of bytes 0 to {@link #position}, whole and per chunk. */
    private final MessageDigest whole = Sha256.newDigest();
    private ChunkHasher chunks = new ChunkHasher(CHUNK_BYTES);
    private long position;
    private long unsynced;
    private boolean ended;
    private boolean turnEnded;

    private SequentialPartial(Path dir, Digest blob, long size, Runnable endTurn, FileChannel data,
            ChunkMarks marks) {
        this.dir = dir;
        this.blob = blob;
        this.size = size;
        this.endTurn = endTurn;
        this.data = data;
        this.marks = marks;
    }

    /** Opens the partial in a writer's turn; keeps the leading run of marked chunks, forgets the other marks. */
    static SequentialPartial open(Path dir, Digest blob, long size, Runnable endTurn) {
        if (size < 0) {
            throw new IllegalArgumentException("a partial download needs the blob's size, got " + size);
        }
        Path file = PartialBlob.dataFile(dir, blob);
        try {
            Files.createDirectories(dir);
            FileChannel data = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            ChunkMarks marks = ChunkMarks.open(PartialBlob.marksFile(dir, blob), CHUNK_BYTES, size);
            BitSet marked = marks.marks();
            int leading = marked.nextClearBit(0);
            long kept = Math.min((long) leading * CHUNK_BYTES, size);
            if (data.size() < kept) { // the marks ran ahead of the bytes (a crash before they reached the disk)
                kept = data.size() / CHUNK_BYTES * CHUNK_BYTES;
            }
            BitSet keptMarks = new BitSet();
            keptMarks.set(0, (int) ((kept + CHUNK_BYTES - 1) / CHUNK_BYTES));
            if (!keptMarks.equals(marked) || !marks.headerMatches()) {
                marks.rewrite(keptMarks);
            }
            SequentialPartial partial = new SequentialPartial(dir, blob, size, endTurn, data, marks);
            try {
                partial.hashKept(kept);
            } catch (IOException | RuntimeException e) {
                partial.closeFiles(); // the caller ends the turn
                throw e;
            }
            return partial;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the partial download " + file, e);
        }
    }

    /** Reads the kept bytes back and hashes them: they count as written only as the disk holds them. */
    private void hashKept(long kept) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(kept, 1)));
        while (position < kept) {
            buf.clear().limit((int) Math.min(buf.capacity(), kept - position));
            int n = data.read(buf, position);
            if (n < 0) {
                throw new IOException("the partial download " + PartialBlob.dataFile(dir, blob) + " ends at "
                        + position + ", before its " + kept + " kept bytes");
            }
            hash(buf.array(), 0, n);
            position += n;
        }
    }

    private void hash(byte[] bytes, int offset, int length) {
        whole.update(bytes, offset, length);
        chunks.update(bytes, offset, length);
    }

    /** Bytes kept from before: the next byte to write is at this offset. */
    public long position() {
        return position;
    }

    /** Appends bytes after those kept; marks each chunk once all its bytes are written. */
    public void write(byte[] bytes, int offset, int length) {
        if (length > size - position) {
            throw new IllegalArgumentException("writing " + length + " bytes at " + position + " of a blob of " + size);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length);
        try {
            while (buf.hasRemaining()) {
                int start = buf.position();
                int n = data.write(buf, position);
                hash(bytes, start, n); // exactly what reached the file, should a write fail part way
                position += n;
            }
            unsynced += length;
            // As PartialBlob: disk writes overlap the download, the fsync at commit has little left to do.
            if (unsynced >= PartialBlob.SYNC_EVERY_BYTES) {
                data.force(false);
                unsynced = 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + PartialBlob.dataFile(dir, blob), e);
        }
        long before = position - length;
        for (long end = (before / CHUNK_BYTES + 1) * CHUNK_BYTES; end <= position; end += CHUNK_BYTES) {
            marks.mark((int) (end / CHUNK_BYTES) - 1);
        }
        if (position == size && size % CHUNK_BYTES != 0 && before < size) {
            marks.mark((int) (size / CHUNK_BYTES));
        }
    }

    /** Forgets the kept bytes and the note: the next write is at 0 (the server sent all, or other content). */
    public void restart() {
        marks.rewrite(new BitSet());
        try {
            Files.deleteIfExists(noteFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + noteFile(), e);
        }
        position = 0;
        whole.reset();
        chunks = new ChunkHasher(CHUNK_BYTES);
    }

    /** The writer's note, if there is one that can be read. */
    public Optional<String> note() {
        Path file = noteFile();
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_NOTE_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty(); // a note is only a hint: without it the writer starts afresh
        }
    }

    /** Replaces the note. */
    public void note(String note) {
        byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_NOTE_BYTES) {
            throw new IllegalArgumentException("a note is at most " + MAX_NOTE_BYTES + " bytes, got " + bytes.length);
        }
        try {
            Files.write(noteFile(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + noteFile(), e);
        }
    }

    /**
     * Hands the file to the store with the hashes of its bytes (kept ones as read back, later ones as written);
     * the store commits it only if they are the blob's (size and SHA-256), and the partial is deleted, whatever
     * the outcome: a partial that does not make the blob is not kept to fail again.
     *
     * @throws IllegalStateException when bytes are missing
     * @throws io.intinode.store.BlobMismatchException when the bytes are not the blob
     */
    public BlobInfo commit(BlobStore store, Origin origin) {
        if (position != size) {
            throw new IllegalStateException(position + " of " + size + " bytes of " + blob + " are written");
        }
        try {
            data.truncate(size); // a longer file was left by a writer that wrote past our end
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate " + PartialBlob.dataFile(dir, blob), e);
        }
        closeFiles();
        try {
            return store.ingestByMove(PartialBlob.dataFile(dir, blob),
                    new ChunkList(blob, size, CHUNK_BYTES, chunks.finish()), Digest.of(whole.digest()), origin);
        } finally {
            PartialBlob.discard(dir, blob);
        }
    }

    /** Deletes the partial. */
    public void discard() {
        closeFiles();
        PartialBlob.discard(dir, blob);
    }

    /** Keeps the files for the next writer (unless committed or discarded) and ends this one's turn. */
    @Override
    public void close() {
        if (turnEnded) {
            return;
        }
        turnEnded = true;
        try {
            closeFiles();
        } finally {
            endTurn.run();
        }
    }

    private void closeFiles() {
        if (ended) {
            return;
        }
        ended = true;
        try (data; marks) {
            // closes both, the second even if the first fails
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the partial download " + PartialBlob.dataFile(dir, blob), e);
        }
    }

    private Path noteFile() {
        return PartialBlob.noteFile(dir, blob);
    }
}
