package io.intinode.store.file;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Moves damaged blobs and stray files aside into {@code <data>/quarantine/} instead of deleting them. */
record Quarantine(Path dir) {
    private static final int MAX_SUFFIX = 1000;

    /** Moves {@code file} to {@code quarantine/<name>} (or {@code <name>.N} if taken); returns where. */
    Path move(Path file, String name) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < MAX_SUFFIX; i++) {
            Path target = dir.resolve(i == 0 ? name : name + "." + i);
            try {
                Files.move(file, target); // without REPLACE_EXISTING: never overwrites an earlier one
                return target;
            } catch (FileAlreadyExistsException e) {
                // try the next suffix
            }
        }
        throw new IOException("quarantine " + dir + " already holds " + MAX_SUFFIX + " copies of " + name);
    }
}
