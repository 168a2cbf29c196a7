package io.intinode.p2p.identity;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/** Keeps the node's identity in {@code <data>/identity.key} (protobuf private key, mode 0600). */
public final class IdentityStore {
    public static final String FILE_NAME = "identity.key";
    private static final int MAX_FILE_BYTES = 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public IdentityStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** Loads the identity, creating and persisting a new one on first start. */
    public Identity loadOrCreate(SecureRandom random) {
        try {
            if (Files.exists(file)) {
                return load();
            }
            Identity identity = Identity.generate(random);
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                Files.write(tmp, identity.toProtobuf(), StandardOpenOption.SYNC);
                // A hard link never replaces: if a concurrent first start won, its key is the one to keep.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                return load();
            } finally {
                Files.deleteIfExists(tmp);
            }
            return identity;
        } catch (IOException e) {
            throw new IdentityException("cannot create identity in " + file + ": " + e.getMessage(), e);
        }
    }

    public Identity load() {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IdentityException("too large to be a key");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new IdentityException("readable by others ("
                        + PosixFilePermissions.toString(perms) + "); chmod 600 it");
            }
            return Identity.fromProtobuf(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IdentityException("cannot read identity " + file + ": " + e.getMessage(), e);
        } catch (IdentityException e) {
            throw new IdentityException("identity file " + file + ": " + e.getMessage(), e);
        }
    }
}
