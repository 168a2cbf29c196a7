package io.intinode.store.file;

import io.intinode.store.BlobInfo;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.index.BlobIndex;
import io.intinode.store.index.BlobInfoCodec;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the index agree with the blob files, which are the truth: run on every open, so whatever a
 * crash interrupted is settled before anyone reads. Temp files are deleted (an interrupted ingest is
 * never resumed), entries without a file are dropped, files without an entry get one, files whose
 * size disagrees with their entry and stray files are quarantined.
 */
final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private record FileFacts(long size, java.time.Instant modified) {}

    private final BlobLayout layout;
    private final BlobIndex index;
    private final Quarantine quarantine;
    private int quarantined;

    Reconciler(BlobLayout layout, BlobIndex index) {
        this.layout = layout;
        this.index = index;
        this.quarantine = new Quarantine(layout.quarantine());
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
        int dropped = drop.size() - mismatched.size();
        if (temps + dropped + onDisk.size() + quarantined > 0) {
            log.info("reconciled the blob index: {} temp files removed, {} entries dropped, {} added, {} quarantined",
                    temps, dropped, onDisk.size(), quarantined);
        }
        return new ReconcileReport(blobs, bytes, onDisk.size(), dropped, quarantined, temps);
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
                        if (HEX.matcher(hex).matches() && hex.startsWith(name) && attrs.isRegularFile()) {
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

    private void quarantineStray(Path file) throws IOException {
        Path moved = quarantine.move(file, "stray-" + file.getFileName());
        quarantined++;
        log.warn("{} does not belong in the blob store; moved to {}", file, moved);
    }
}
