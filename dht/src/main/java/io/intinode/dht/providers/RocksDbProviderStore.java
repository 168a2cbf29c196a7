package io.intinode.dht.providers;

import io.intinode.dht.core.Key;
import io.intinode.dht.core.PeerInfo;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A {@link ProviderStore} in RocksDB, so records survive restarts. Row key: key length (1 byte), key bytes,
 * provider peer id bytes; rows of one key are thus adjacent. Value: expiry (epoch ms, 8 bytes), then the
 * provider's addresses, each with a 2-byte length. Counts for the caps are rebuilt by one scan on open.
 */
public final class RocksDbProviderStore implements ProviderStore {
    private final ProviderConfig config;
    private final Options options;
    private final RocksDB db;
    private final ProviderCounts counts = new ProviderCounts();
    private final Map<Key, Integer> perKey = new HashMap<>();

    private RocksDbProviderStore(ProviderConfig config, Options options, RocksDB db) {
        this.config = config;
        this.options = options;
        this.db = db;
    }

    public static RocksDbProviderStore open(Path dir, ProviderConfig config) {
        RocksDB.loadLibrary();
        Options options = new Options().setCreateIfMissing(true);
        try {
            Files.createDirectories(dir);
            RocksDbProviderStore store = new RocksDbProviderStore(config, options, RocksDB.open(options, dir.toString()));
            store.rebuildCounts();
            return store;
        } catch (RocksDBException | java.io.IOException e) {
            options.close();
            throw new ProviderStoreException("cannot open provider store in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void rebuildCounts() {
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                Row row = Row.parseKey(it.key());
                counts.added(row.provider());
                perKey.merge(row.key(), 1, Integer::sum);
            }
        }
    }

    @Override
    public synchronized Added add(Key key, PeerInfo provider, Instant now) {
        byte[] rowKey = rowKey(key, provider.id());
        byte[] value = encodeValue(now.plus(config.recordTtl()), provider.addrs());
        try {
            if (db.get(rowKey) != null) {
                db.put(rowKey, value);
                return Added.REFRESHED;
            }
            Added refusal = counts.refusal(perKey.getOrDefault(key, 0), provider.id(), config);
            if (refusal != null) {
                return refusal;
            }
            db.put(rowKey, value);
        } catch (RocksDBException e) {
            throw new ProviderStoreException("cannot store provider record: " + e.getMessage(), e);
        }
        counts.added(provider.id());
        perKey.merge(key, 1, Integer::sum);
        return Added.NEW;
    }

    @Override
    public synchronized List<PeerInfo> get(Key key, Instant now, int max) {
        byte[] prefix = keyPrefix(key);
        List<PeerInfo> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(prefix); it.isValid() && out.size() < max && startsWith(it.key(), prefix); it.next()) {
                ByteBuffer v = ByteBuffer.wrap(it.value());
                if (Instant.ofEpochMilli(v.getLong()).isAfter(now)) {
                    out.add(new PeerInfo(Row.parseKey(it.key()).provider(), decodeAddrs(v)));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized void remove(Key key, PeerId provider) {
        byte[] rowKey = rowKey(key, provider);
        try {
            if (db.get(rowKey) != null) {
                db.delete(rowKey);
                forget(key, provider);
            }
        } catch (RocksDBException e) {
            throw new ProviderStoreException("cannot remove provider record: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int purged = 0;
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                if (!Instant.ofEpochMilli(ByteBuffer.wrap(it.value()).getLong()).isAfter(now)) {
                    Row row = Row.parseKey(it.key());
                    db.delete(it.key());
                    forget(row.key(), row.provider());
                    purged++;
                }
            }
        } catch (RocksDBException e) {
            throw new ProviderStoreException("cannot purge provider records: " + e.getMessage(), e);
        }
        return purged;
    }

    private void forget(Key key, PeerId provider) {
        counts.removed(provider);
        perKey.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    }

    @Override
    public synchronized long size() {
        return counts.total();
    }

    @Override
    public synchronized void close() {
        db.close();
        options.close();
    }

    private record Row(Key key, PeerId provider) {
        static Row parseKey(byte[] row) {
            int keyLength = row[0] & 0xFF;
            return new Row(Key.of(Arrays.copyOfRange(row, 1, 1 + keyLength)),
                    PeerId.fromBytes(Arrays.copyOfRange(row, 1 + keyLength, row.length)));
        }
    }

    private static byte[] keyPrefix(Key key) {
        byte[] k = key.bytes();
        byte[] out = new byte[1 + k.length];
        out[0] = (byte) k.length;
        System.arraycopy(k, 0, out, 1, k.length);
        return out;
    }

    private static byte[] rowKey(Key key, PeerId provider) {
        byte[] prefix = keyPrefix(key);
        byte[] id = provider.toBytes();
        byte[] out = Arrays.copyOf(prefix, prefix.length + id.length);
        System.arraycopy(id, 0, out, prefix.length, id.length);
        return out;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] encodeValue(Instant expires, List<Multiaddr> addrs) {
        List<byte[]> encoded = addrs.stream().map(Multiaddr::toBytes).toList();
        ByteBuffer b = ByteBuffer.allocate(8 + encoded.stream().mapToInt(a -> 2 + a.length).sum());
        b.putLong(expires.toEpochMilli());
        encoded.forEach(a -> b.putShort((short) a.length).put(a));
        return b.array();
    }

    private static List<Multiaddr> decodeAddrs(ByteBuffer v) {
        List<Multiaddr> out = new ArrayList<>();
        while (v.hasRemaining()) {
            byte[] a = new byte[Short.toUnsignedInt(v.getShort())];
            v.get(a);
            out.add(Multiaddr.fromBytes(a));
        }
        return out;
    }
}
