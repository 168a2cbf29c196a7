package io.intinode.node.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where the data directory is when no {@code --data-dir} is given. */
final class DataDirs {
    private DataDirs() {}

    static Path defaultDataDir(Map<String, String> env) {
        String explicit = env.get("INTINODE_DATA");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "intinode");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "intinode");
    }
}
