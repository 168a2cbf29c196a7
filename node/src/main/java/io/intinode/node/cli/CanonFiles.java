package io.intinode.node.cli;

import io.intinode.node.privacy.canon.ManifestCodec;
import io.intinode.node.privacy.canon.ManifestException;
import io.intinode.node.privacy.canon.SignedManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** File handling shared by the canon commands: bounded reads, atomic writes, error mapping. */
final class CanonFiles {
    private CanonFiles() {}

    static SignedManifest readManifest(Path file) {
        byte[] bytes = readBounded(file, ManifestCodec.MAX_MANIFEST_BYTES);
        try {
            return ManifestCodec.decode(bytes);
        } catch (ManifestException e) {
            throw toCli(file, e);
        }
    }

    static CliException toCli(Path file, ManifestException e) {
        return new CliException(e.signatureProblem() ? ExitCodes.VERIFY_FAILED : ExitCodes.BAD_INPUT,
                file + ": " + e.getMessage(), e);
    }

    /** Reads at most {@code limit} bytes; a larger file is refused rather than truncated. */
    static byte[] readBounded(Path file, int limit) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit);
            if (in.read() >= 0) {
                throw new CliException(ExitCodes.BAD_INPUT, file + ": larger than " + limit + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "no such file: " + file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes to {@code file} through a temporary file and a rename, or to {@code out} when file is null. */
    static void write(Path file, byte[] bytes, PrintWriter out) {
        if (file == null) {
            out.print(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                o.write(bytes);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
