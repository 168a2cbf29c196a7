package io.intinode.store.index;

import io.intinode.store.BlobInfo;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Index entries as bytes. The key is the 32 raw digest bytes (so RocksDB's byte order is digest
 * order); the value is a fixed 35-byte record:
 *
 * <pre>
 * version(1)=1 | size(8) | added ms(8) | last access ms(8) | access count(8) | flags(1) | origin(1)
 * </pre>
 *
 * flags: bit 0 pinned, bit 1 shareable. Anything else is rejected, so a damaged index is noticed and
 * rebuilt instead of being believed.
 */
public final class BlobInfoCodec {
    static final byte VERSION = 1;
    static final int VALUE_BYTES = 35;
    private static final int PINNED = 1;
    private static final int SHAREABLE = 2;
    // Stable wire codes, independent of the enum's declaration order.
    private static final Origin[] ORIGINS = {Origin.UNKNOWN, Origin.LOCAL, Origin.LAN_PEER, Origin.DHT_PEER, Origin.WEBSEED};

    private BlobInfoCodec() {}

    public static byte[] key(Digest digest) {
        return digest.bytes();
    }

    /** @throws IllegalArgumentException if the key is not 32 bytes */
    public static Digest digest(byte[] key) {
        return Digest.of(key);
    }

    public static byte[] encode(BlobInfo info) {
        ByteBuffer b = ByteBuffer.allocate(VALUE_BYTES);
        b.put(VERSION)
                .putLong(info.size())
                .putLong(info.added().toEpochMilli())
                .putLong(info.lastAccess().toEpochMilli())
                .putLong(info.accessCount())
                .put((byte) ((info.pinned() ? PINNED : 0) | (info.shareable() ? SHAREABLE : 0)))
                .put(originCode(info.origin()));
        return b.array();
    }

    /** @throws IllegalArgumentException naming what is wrong with the value */
    public static BlobInfo decode(Digest digest, byte[] value) {
        if (value == null || value.length != VALUE_BYTES) {
            throw new IllegalArgumentException("index entry of " + digest + " has "
                    + (value == null ? "no" : value.length) + " bytes, expected " + VALUE_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("index entry of " + digest + " has unknown version " + version);
        }
        long size = b.getLong();
        long added = b.getLong();
        long lastAccess = b.getLong();
        long count = b.getLong();
        int flags = b.get();
        int origin = b.get();
        if (size < 0 || count < 0 || (flags & ~(PINNED | SHAREABLE)) != 0 || origin < 0 || origin >= ORIGINS.length) {
            throw new IllegalArgumentException("index entry of " + digest + " is malformed");
        }
        return new BlobInfo(digest, size, Instant.ofEpochMilli(added), Instant.ofEpochMilli(lastAccess), count,
                (flags & PINNED) != 0, (flags & SHAREABLE) != 0, ORIGINS[origin]);
    }

    private static byte originCode(Origin origin) {
        for (int i = 0; i < ORIGINS.length; i++) {
            if (ORIGINS[i] == origin) {
                return (byte) i;
            }
        }
        throw new IllegalArgumentException("no code for origin " + origin);
    }
}
