package io.intinode.transfer.download;

import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.file.Sha256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * An in-memory {@link ChunkSource} for tests: serves {@code served} bytes and a chunk list of
 * {@code listed} bytes (both the true content for an honest source), and counts reads per chunk.
 */
public final class FakeSource implements ChunkSource {
    private final String name;
    private final Digest digest;
    private final byte[] served;
    private final byte[] listed;
    private final int chunkBytes;
    private IntPredicate corrupt = c -> false;
    private IntPredicate blocked = c -> false;
    private boolean absent;
    private boolean failing;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<Integer, AtomicInteger> reads = new ConcurrentHashMap<>();

    private FakeSource(String name, Digest digest, byte[] served, byte[] listed, int chunkBytes) {
        this.name = name;
        this.digest = digest;
        this.served = served;
        this.listed = listed;
        this.chunkBytes = chunkBytes;
    }

    public static FakeSource honest(String name, byte[] content, int chunkBytes) {
        return new FakeSource(name, Sha256.of(content), content, content, chunkBytes);
    }

    /** Claims to have {@code content}'s digest but lists and serves {@code other} bytes of the same size. */
    public static FakeSource lyingList(String name, byte[] content, byte[] other, int chunkBytes) {
        return new FakeSource(name, Sha256.of(content), other, other, chunkBytes);
    }

    /** Sends flipped bytes for the chunks matching {@code which}. */
    public FakeSource corrupting(IntPredicate which) {
        corrupt = which;
        return this;
    }

    /** Blocks reads of the chunks matching {@code which} until {@link #release} or an interrupt. */
    public FakeSource blocking(IntPredicate which) {
        blocked = which;
        return this;
    }

    public FakeSource absent() {
        absent = true;
        return this;
    }

    public FakeSource failing() {
        failing = true;
        return this;
    }

    public void release() {
        release.countDown();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChunkList chunkList(Digest blob) {
        check(blob);
        List<Digest> chunks = new ArrayList<>();
        for (int off = 0; off < listed.length; off += chunkBytes) {
            chunks.add(Sha256.of(Arrays.copyOfRange(listed, off, Math.min(listed.length, off + chunkBytes))));
        }
        return new ChunkList(blob, listed.length, chunkBytes, chunks);
    }

    @Override
    public byte[] read(Digest blob, long offset, int length) {
        check(blob);
        int chunk = (int) (offset / chunkBytes);
        reads.computeIfAbsent(chunk, c -> new AtomicInteger()).incrementAndGet();
        if (blocked.test(chunk)) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(name + ": interrupted", false, e);
            }
        }
        byte[] bytes = Arrays.copyOfRange(served, (int) offset, (int) offset + length);
        if (corrupt.test(chunk)) {
            bytes[0] ^= 1;
        }
        return bytes;
    }

    /** Reads of each chunk so far. */
    public Map<Integer, Integer> reads() {
        Map<Integer, Integer> out = new java.util.TreeMap<>();
        reads.forEach((c, n) -> out.put(c, n.get()));
        return out;
    }

    public int totalReads() {
        return reads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void check(Digest blob) {
        if (!blob.equals(digest) || absent) {
            throw new SourceException(name + ": not here", true);
        }
        if (failing) {
            throw new SourceException(name + ": connection reset", false);
        }
    }
}
