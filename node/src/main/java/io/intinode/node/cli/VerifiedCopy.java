package io.intinode.node.cli;

import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.file.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;

/**
 * Copies a blob's bytes, hashing them on the way, and refuses them unless their size and SHA-256 are what
 * was asked for: a blob damaged on disk since it was cached, or in transit from the node, is caught here
 * rather than handed to the user.
 */
final class VerifiedCopy {
    private static final int BUFFER_BYTES = 256 * 1024;

    /** Opens one more read of the same blob. */
    interface Source {
        InputStream open() throws IOException;
    }

    private VerifiedCopy() {}

    /**
     * Writes the bytes of {@code in} (closed here) to a temporary file beside {@code out} and renames it to
     * {@code out} only when verified; on any failure no file is left behind.
     *
     * @param size the expected size, or {@link BlobStore.Expected#UNKNOWN_SIZE}
     * @param what names the bytes in an error, e.g. "cached blob"
     */
    static void toFile(String what, InputStream in, Digest digest, long size, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, "." + out.getFileName() + ".", ".part");
        try {
            try (in; OutputStream os = Files.newOutputStream(tmp)) {
                copy(what, in, digest, size, os);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads the blob once to check it, then streams a second read (checked again): nothing unverified first. */
    static void toStream(String what, Source source, Digest digest, long size, OutputStream out) throws IOException {
        try (InputStream in = source.open()) {
            copy(what, in, digest, size, OutputStream.nullOutputStream());
        }
        try (InputStream in = source.open()) {
            copy(what, in, digest, size, out);
        }
        out.flush();
    }

    /** Copies {@code in} to {@code out}; throws {@link BlobMismatchException} when size or SHA-256 differ. */
    static void copy(String what, InputStream in, Digest digest, long size, OutputStream out) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha256.update(buffer, 0, n);
            out.write(buffer, 0, n);
            total += n;
            if (size != BlobStore.Expected.UNKNOWN_SIZE && total > size) {
                break; // more than expected: stop reading, report below
            }
        }
        if (size != BlobStore.Expected.UNKNOWN_SIZE && total != size) {
            throw new BlobMismatchException(what + " size", size + " bytes", (total > size ? "more than " : "") + total
                    + " bytes");
        }
        Digest actual = Digest.of(sha256.digest());
        if (!actual.equals(digest)) {
            throw new BlobMismatchException(what + " SHA-256", digest.toString(), actual.toString());
        }
    }
}
