package io.intinode.store.file;

import io.intinode.store.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.LongConsumer;

/**
 * SHA-256 through the JDK (its x86 and ARM intrinsics hash as fast as OpenSSL per core). Public for
 * the CLI, which hashes files without storing them ({@code intinode stub}).
 */
public final class Sha256 {
    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Hashes bytes already in memory. */
    public static Digest of(byte[] content) {
        return of(content, 0, content.length);
    }

    /** Hashes {@code length} bytes of {@code content} from {@code offset}. */
    public static Digest of(byte[] content, int offset, int length) {
        MessageDigest sha = newDigest();
        sha.update(content, offset, length);
        return Digest.of(sha.digest());
    }

    /** Hashes a whole file, reporting the bytes hashed as it goes. */
    public static Digest hash(Path file, int bufferBytes, LongConsumer progress) throws IOException {
        MessageDigest sha = newDigest();
        ByteBuffer buf = ByteBuffer.allocate(bufferBytes);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf.clear()) >= 0) {
                sha.update(buf.flip());
                progress.accept(buf.limit());
            }
        }
        return Digest.of(sha.digest());
    }
}
