package io.intinode.store.file;

import io.intinode.store.BlobInfo;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.index.BlobIndex;
import io.intinode.store.index.BlobInfoCodec;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the index agree with the blob files, which are the truth: run on every open, so whatever a
 * crash interrupted is settled before anyone reads. Temp files are deleted (an interrupted ingest is
 * never resumed), entries without a file are dropped, files without an entry get one, files whose
 * size disagrees with their entry and stray files are quarantined. Chunk lists follow their blobs: a
 * missing or wrongly sized one is hashed anew, one without its blob is deleted.
 */
final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private record FileFacts(long size, java.time.Instant modified) {}

    private final BlobLayout layout;
    private final BlobIndex index;
    private final Quarantine quarantine;
    private final Map<Digest, Long> chunkFiles = new HashMap<>();
    private int quarantined;

    Reconciler(BlobLayout layout, BlobIndex index) {
        this.layout = layout;
        this.index = index;
        this.quarantine = new Quarantine(layout.quarantine());
    }

    /** Opens the index; a corrupt one is moved to quarantine and replaced by an empty one that reconcile fills. */
    static BlobIndex openIndex(BlobLayout layout) throws IOException {
        try {
            return BlobIndex.open(layout.index());
        } catch (RocksDBException e) {
            Path moved = new Quarantine(layout.quarantine()).move(layout.index(), "index-" + System.currentTimeMillis());
            log.warn("the blob index could not be opened ({}); moved it to {} and rebuilding it from the blob files",
                    e.getMessage(), moved);
            try {
                return BlobIndex.open(layout.index());
            } catch (RocksDBException again) {
                throw new IOException("cannot create a new blob index in " + layout.index() + ": " + again.getMessage(), again);
            }
        }
    }

    /** Reconciles, keeping whatever index entries are sound. */
    ReconcileReport reconcile() throws IOException {
        return reconcile(Map.of());
    }

    /**
     * Rebuilds the index from the blob files: every entry is dropped and made anew from its file,
     * keeping pins, share flags and history from old entries that are still readable and agree.
     */
    ReconcileReport rebuild() throws IOException {
        Map<Digest, BlobInfo> salvaged = new HashMap<>();
        List<byte[]> keys = new ArrayList<>();
        index.forEachRaw((key, value) -> {
            keys.add(key);
            try {
                Digest d = BlobInfoCodec.digest(key);
                salvaged.put(d, BlobInfoCodec.decode(d, value));
            } catch (IllegalArgumentException e) {
                log.debug("not salvaging index entry: {}", e.getMessage());
            }
        });
        keys.forEach(index::deleteKey);
        return reconcile(salvaged);
    }

    private ReconcileReport reconcile(Map<Digest, BlobInfo> salvaged) throws IOException {
        int temps = removeTempFiles();
        Map<Digest, FileFacts> onDisk = scanBlobs();

        List<byte[]> drop = new ArrayList<>();
        List<Digest> mismatched = new ArrayList<>();
        long[] indexed = {0, 0};
        index.forEachRaw((key, value) -> {
            BlobInfo info;
            try {
                Digest d = BlobInfoCodec.digest(key);
                info = BlobInfoCodec.decode(d, value);
            } catch (IllegalArgumentException e) {
                log.warn("dropping a malformed index entry: {}", e.getMessage());
                drop.add(key);
                return;
            }
            FileFacts file = onDisk.remove(info.digest());
            if (file == null) {
                drop.add(key);
            } else if (file.size() != info.size()) {
                mismatched.add(info.digest());
                drop.add(key);
            } else {
                indexed[0]++;
                indexed[1] += info.size();
            }
        });
        drop.forEach(index::deleteKey);
        for (Digest d : mismatched) {
            Path moved = quarantine.move(layout.blob(d), d.hex());
            quarantined++;
            log.warn("{} has a different size than indexed; moved to {}", d, moved);
        }

        long blobs = indexed[0];
        long bytes = indexed[1];
        for (Map.Entry<Digest, FileFacts> e : onDisk.entrySet()) {
            BlobInfo old = salvaged.get(e.getKey());
            FileFacts file = e.getValue();
            BlobInfo info = old != null && old.size() == file.size()
                    ? old
                    : BlobInfo.added(e.getKey(), file.size(), file.modified(), Origin.UNKNOWN);
            index.put(info);
            blobs++;
            bytes += file.size();
        }
        int rebuilt = reconcileChunkLists();
        int dropped = drop.size() - mismatched.size();
        if (temps + dropped + onDisk.size() + quarantined + rebuilt > 0) {
            log.info("reconciled the blob index: {} temp files removed, {} entries dropped, {} added, {} quarantined,"
                    + " {} chunk lists rebuilt", temps, dropped, onDisk.size(), quarantined, rebuilt);
        }
        return new ReconcileReport(blobs, bytes, onDisk.size(), dropped, quarantined, temps);
    }

    /** Runs after the index agrees with the blobs; returns how many chunk lists were hashed anew. */
    private int reconcileChunkLists() throws IOException {
        int rebuilt = 0;
        List<Digest> indexed = new ArrayList<>();
        index.forEachRaw((key, value) -> indexed.add(BlobInfoCodec.digest(key)));
        for (Digest d : indexed) {
            Long length = chunkFiles.remove(d);
            long size = Files.size(layout.blob(d));
            if (length == null || length != (long) ChunkList.chunkCount(size, ChunkListFile.CHUNK_BYTES) * Digest.BYTES) {
                rebuildChunks(layout, d);
                rebuilt++;
            }
        }
        for (Digest orphan : chunkFiles.keySet()) {
            Files.deleteIfExists(layout.chunks(orphan));
        }
        return rebuilt;
    }

    /** Hashes a committed blob's chunk list anew and puts it in place durably; returns it. */
    static List<Digest> rebuildChunks(BlobLayout layout, Digest d) throws IOException {
        List<Digest> chunks = ChunkListFile.compute(layout.blob(d));
        Path tmp = BlobLayout.tempChunks(layout.newTempFile());
        try {
            ChunkListFile.write(tmp, chunks);
            Files.move(tmp, layout.chunks(d), StandardCopyOption.ATOMIC_MOVE);
            BlobLayout.fsyncDirectory(layout.shard(d));
        } finally {
            Files.deleteIfExists(tmp);
        }
        return chunks;
    }

    private int removeTempFiles() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.tmp())) {
            for (Path f : files) {
                Files.delete(f);
                n++;
            }
        }
        return n;
    }

    private Map<Digest, FileFacts> scanBlobs() throws IOException {
        Map<Digest, FileFacts> found = new HashMap<>();
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(layout.blobs())) {
            for (Path shard : shards) {
                String name = shard.getFileName().toString();
                if (!SHARD.matcher(name).matches() || !Files.isDirectory(shard)) {
                    quarantineStray(shard);
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path f : files) {
                        String hex = f.getFileName().toString();
                        BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class);
                        if (isChunkList(hex, name) && attrs.isRegularFile()) {
                            chunkFiles.put(new Digest(hex.substring(0, hex.length() - ChunkListFile.SUFFIX.length())),
                                    attrs.size());
                        } else if (HEX.matcher(hex).matches() && hex.startsWith(name) && attrs.isRegularFile()) {
                            found.put(new Digest(hex), new FileFacts(attrs.size(),
                                    attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS)));
                        } else {
                            quarantineStray(f);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean isChunkList(String fileName, String shard) {
        return fileName.endsWith(ChunkListFile.SUFFIX) && fileName.startsWith(shard)
                && HEX.matcher(fileName.substring(0, fileName.length() - ChunkListFile.SUFFIX.length())).matches();
    }

    private void quarantineStray(Path file) throws IOException {
        Path moved = quarantine.move(file, "stray-" + file.getFileName());
        quarantined++;
        log.warn("{} does not belong in the blob store; moved to {}", file, moved);
    }
}
