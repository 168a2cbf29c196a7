package io.intinode.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Test content and its digests. */
public final class Blobs {
    private Blobs() {}

    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static Digest sha256(byte[] content) {
        try {
            return Digest.of(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The SHA-256 of each {@code chunkBytes} piece of {@code content}, computed independently of the store. */
    public static List<Digest> chunkDigests(byte[] content, int chunkBytes) {
        List<Digest> out = new ArrayList<>();
        for (int off = 0; off < content.length; off += chunkBytes) {
            out.add(sha256(Arrays.copyOfRange(content, off, Math.min(content.length, off + chunkBytes))));
        }
        return out;
    }

    public static InputStream stream(byte[] content) {
        return new ByteArrayInputStream(content);
    }

    /** A stream that fails the test if anyone reads it. */
    public static InputStream unreadable() {
        return new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the stream was read");
            }
        };
    }

    /** A stream that counts the bytes read from it into {@code counter}. */
    public static InputStream counting(byte[] content, AtomicLong counter) {
        return new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n > 0) {
                    counter.addAndGet(n);
                }
                return n;
            }

            @Override
            public synchronized int read() {
                int c = super.read();
                if (c >= 0) {
                    counter.incrementAndGet();
                }
                return c;
            }

            @Override
            public byte[] readAllBytes() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
