package io.intinode.store.file;

import io.intinode.store.Digest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Where things live under the data directory:
 *
 * <pre>
 * blobs/sha256/&lt;2 hex&gt;/&lt;64 hex&gt;   committed blobs, read-only
 * blobs/sha256/&lt;2 hex&gt;/&lt;64 hex&gt;.chunks   their chunk lists (see {@link ChunkListFile})
 * tmp/                              ingests in progress (same filesystem, so rename is atomic)
 * index/                            RocksDB index
 * quarantine/                       blobs that failed verification, and strays
 * lock                              held while a process has the store open
 * </pre>
 */
record BlobLayout(Path root) {
    static final String ALGORITHM_DIR = "sha256";

    Path blobs() {
        return root.resolve("blobs").resolve(ALGORITHM_DIR);
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    Path index() {
        return root.resolve("index");
    }

    Path quarantine() {
        return root.resolve("quarantine");
    }

    Path lockFile() {
        return root.resolve("lock");
    }

    Path shard(Digest digest) {
        return blobs().resolve(digest.hex().substring(0, 2));
    }

    Path blob(Digest digest) {
        return shard(digest).resolve(digest.hex());
    }

    Path chunks(Digest digest) {
        return shard(digest).resolve(digest.hex() + ChunkListFile.SUFFIX);
    }

    /** Where the chunk list of the ingest into temp file {@code tmp} is written before commit. */
    static Path tempChunks(Path tmp) {
        return tmp.resolveSibling(tmp.getFileName() + ChunkListFile.SUFFIX);
    }

    Path newTempFile() {
        return tmp().resolve("ingest-" + UUID.randomUUID() + ".part");
    }

    void createDirectories() throws IOException {
        Files.createDirectories(blobs());
        Files.createDirectories(tmp());
        Files.createDirectories(quarantine());
    }

    /** Makes a rename or delete in {@code dir} durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
