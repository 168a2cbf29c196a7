package io.intinode.transfer.download;

import io.intinode.store.Digest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The directory of partial downloads, and who writes each digest's partial now: one writer at a time, a peer
 * download or a webseed fetch, so two sources of one resolve (hedged) never write the same files. There is one
 * kept partial per digest, whichever source started it; the next writer continues from what it can check.
 *
 * <p>Hedging runs a webseed fetch beside a peer download. Whichever comes second does not wait for the other's
 * turn: a webseed streams into the store instead; a peer download uses a scratch partial in {@code hedged/},
 * deleted when it ends, so neither holds the other up and only the first one's bytes are kept.
 */
public final class PartialArea {
    private final Path dir;
    /** Striped: no per-digest entries to leak; two digests on one stripe only take turns. */
    private static final int STRIPES = 64;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final ReentrantLock[] hedgedLocks = new ReentrantLock[STRIPES];
    /** Digests whose partial a {@link SequentialPartial} writes now. */
    private final Set<Digest> sequential = ConcurrentHashMap.newKeySet();

    public PartialArea(Path dir) {
        this.dir = dir;
        Arrays.setAll(locks, i -> new ReentrantLock());
        Arrays.setAll(hedgedLocks, i -> new ReentrantLock());
    }

    public Path dir() {
        return dir;
    }

    /** Held by whoever writes {@code digest}'s partial. */
    ReentrantLock lock(Digest digest) {
        return locks[stripe(digest)];
    }

    /** Where a peer download goes while a webseed fetch writes the partial (see the class comment). */
    Path hedgedDir() {
        return dir.resolve("hedged");
    }

    /** Held by the peer download of {@code digest} in {@link #hedgedDir}. */
    ReentrantLock hedgedLock(Digest digest) {
        return hedgedLocks[stripe(digest)];
    }

    /** Whether a webseed fetch writes {@code digest}'s partial now. */
    boolean heldBySequential(Digest digest) {
        return sequential.contains(digest);
    }

    /**
     * The partial of a blob of {@code size} bytes for a writer from the start on (a webseed), kept bytes included,
     * unless another writer (a hedged peer download) holds it now: then empty, and the caller fetches without
     * keeping bytes here. The partial holds the digest's turn until closed, on the thread that opened it.
     */
    public Optional<SequentialPartial> tryOpenSequential(Digest digest, long size) {
        ReentrantLock lock = lock(digest);
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        try {
            sequential.add(digest);
            return Optional.of(SequentialPartial.open(dir, digest, size, () -> {
                sequential.remove(digest);
                lock.unlock();
            }));
        } catch (RuntimeException e) {
            sequential.remove(digest);
            lock.unlock();
            throw e;
        }
    }

    private static int stripe(Digest digest) {
        return Math.floorMod(digest.hashCode(), STRIPES);
    }
}
