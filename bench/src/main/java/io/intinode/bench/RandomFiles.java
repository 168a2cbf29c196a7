package io.intinode.bench;

import io.intinode.store.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Consumer;

/** Incompressible benchmark input: a file of random bytes and its digest, computed while writing. */
public final class RandomFiles {
    private RandomFiles() {}

    /** Writes {@code size} bytes filled by {@code random} (e.g. {@code Random::nextBytes}) and returns their digest. */
    public static Digest write(Path file, long size, Consumer<byte[]> random) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buf.length) {
                random.accept(buf);
                int n = (int) Math.min(buf.length, left);
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return Digest.of(sha.digest());
    }
}
