package io.intinode.store.index;

import io.intinode.store.BlobInfo;
import io.intinode.store.Digest;
import io.intinode.store.StoreException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blob index in RocksDB: digest → {@link BlobInfo}. It holds metadata only; the blob files are
 * the truth, and the index can always be rebuilt from them.
 *
 * <p>Writes go to RocksDB's write-ahead log without fsync: a killed process loses nothing (the log is
 * in the page cache), and what a power cut loses, the store's reconcile on open puts back.
 */
public final class BlobIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BlobIndex.class);
    static {
        RocksDB.loadLibrary();
    }

    private final Options options;
    private final RocksDB db;

    private BlobIndex(Options options, RocksDB db) {
        this.options = options;
        this.db = db;
    }

    /**
     * Opens or creates the index in {@code dir}.
     *
     * @throws RocksDBException if the database cannot be opened (e.g. it is corrupt)
     */
    public static BlobIndex open(Path dir) throws RocksDBException {
        Options options = new Options().setCreateIfMissing(true).setParanoidChecks(true);
        try {
            return new BlobIndex(options, RocksDB.open(options, dir.toString()));
        } catch (RocksDBException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** The entry of {@code digest}, or empty; a malformed entry raises IllegalArgumentException. */
    public Optional<BlobInfo> get(Digest digest) {
        try {
            byte[] value = db.get(BlobInfoCodec.key(digest));
            return value == null ? Optional.empty() : Optional.of(BlobInfoCodec.decode(digest, value));
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    public boolean contains(Digest digest) {
        byte[] key = BlobInfoCodec.key(digest);
        try {
            return db.keyExists(key);
        } catch (RuntimeException e) {
            throw new StoreException("cannot read the blob index: " + e.getMessage(), e);
        }
    }

    public void put(BlobInfo info) {
        try {
            db.put(BlobInfoCodec.key(info.digest()), BlobInfoCodec.encode(info));
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    public void delete(Digest digest) {
        deleteKey(BlobInfoCodec.key(digest));
    }

    /** Deletes a raw key, for entries whose key is not even a digest. */
    public void deleteKey(byte[] key) {
        try {
            db.delete(key);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /** Visits every raw entry in key order, for reconcile and listing; the visitor may not write. */
    public void forEachRaw(BiConsumer<byte[], byte[]> visitor) {
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                visitor.accept(it.key(), it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /**
     * All entries in digest order, lazily from a RocksDB snapshot; close the stream. Malformed entries
     * are skipped with a warning (reconcile on the next open replaces them).
     */
    public Stream<BlobInfo> entries() {
        RocksIterator it = db.newIterator();
        it.seekToFirst();
        Iterator<BlobInfo> entries = new Iterator<>() {
            private BlobInfo next = advance();

            private BlobInfo advance() {
                for (; it.isValid(); it.next()) {
                    try {
                        BlobInfo info = BlobInfoCodec.decode(BlobInfoCodec.digest(it.key()), it.value());
                        it.next();
                        return info;
                    } catch (IllegalArgumentException e) {
                        log.warn("skipping a malformed index entry: {}", e.getMessage());
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public BlobInfo next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                BlobInfo current = next;
                next = advance();
                return current;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(it::close);
    }

    @Override
    public void close() {
        db.close();
        options.close();
    }

    private static StoreException failure(String what, RocksDBException e) {
        return new StoreException("cannot " + what + " the blob index: " + e.getMessage(), e);
    }
}
