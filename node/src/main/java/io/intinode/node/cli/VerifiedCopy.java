package io.intinode.node.cli;

import io.intinode.store.BlobHandle;
import io.intinode.store.BlobMismatchException;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * Copies a cached blob out of the store, hashing it on the way: a blob damaged on disk since it was
 * cached is caught here rather than handed to the user.
 */
final class VerifiedCopy {
    private VerifiedCopy() {}

    /** Writes the blob to {@code out} via a temporary file beside it; {@code out} appears only if verified. */
    static void toFile(BlobStore store, Digest digest, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, "." + out.getFileName() + ".", ".part");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                copy(store, digest, os);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Checks the cached blob, then streams it: nothing unverified reaches {@code out}. */
    static void toStream(BlobStore store, Digest digest, OutputStream out) throws IOException {
        copy(store, digest, OutputStream.nullOutputStream());
        try (BlobHandle blob = open(store, digest); InputStream in = Channels.newInputStream(blob.channel())) {
            in.transferTo(out);
        }
        out.flush();
    }

    private static void copy(BlobStore store, Digest digest, OutputStream out) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        try (BlobHandle blob = open(store, digest);
                InputStream in = Channels.newInputStream(blob.channel());
                DigestOutputStream hashing = new DigestOutputStream(out, sha256)) {
            in.transferTo(hashing);
        }
        Digest actual = Digest.of(sha256.digest());
        if (!actual.equals(digest)) {
            throw new BlobMismatchException("cached blob SHA-256 (run 'intinode cache verify')",
                    digest.toString(), actual.toString());
        }
    }

    private static BlobHandle open(BlobStore store, Digest digest) {
        return store.open(digest).orElseThrow(() ->
                new CliException(ExitCodes.NOT_FOUND, digest + " vanished from the cache while being read"));
    }
}
