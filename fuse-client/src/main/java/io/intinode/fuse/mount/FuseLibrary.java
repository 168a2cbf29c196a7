package io.intinode.fuse.mount;

import io.intinode.fuse.FuseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds libfuse3.so.3. The JDK's library path lacks the multiarch folders (e.g. /lib/x86_64-linux-gnu),
 * so jfuse is pointed at the file: {@code $INTINODE_LIBFUSE}, else what the dynamic linker's cache
 * ({@code ldconfig -p}) knows, else the usual library folders.
 */
public final class FuseLibrary {
    static final String SONAME = "libfuse3.so.3";
    private static final List<String> FOLDERS = List.of("/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib");

    private FuseLibrary() {}

    public static Path find() {
        return find(System.getenv(), FuseLibrary::ldconfigCache);
    }

    static Path find(Map<String, String> env, java.util.function.Supplier<String> ldconfig) {
        String explicit = env.get("INTINODE_LIBFUSE");
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!Files.isReadable(path)) {
                throw new FuseException("INTINODE_LIBFUSE=" + explicit + " is not a readable file");
            }
            return path;
        }
        return fromLdconfig(ldconfig.get())
                .or(FuseLibrary::fromFolders)
                .orElseThrow(() -> new FuseException(SONAME + " not found; install libfuse 3 (Debian/Ubuntu: apt-get"
                        + " install fuse3) or set INTINODE_LIBFUSE to its path"));
    }

    /** The x86-64 (or only) entry for the soname in {@code ldconfig -p} output. */
    static Optional<Path> fromLdconfig(String output) {
        return output.lines()
                .map(String::strip)
                .filter(line -> line.startsWith(SONAME + " "))
                .sorted((a, b) -> Boolean.compare(b.contains("x86-64"), a.contains("x86-64")))
                .map(line -> line.substring(line.indexOf("=>") + 2).strip())
                .map(Path::of)
                .filter(Files::isReadable)
                .findFirst();
    }

    private static Optional<Path> fromFolders() {
        Stream<Path> multiarch = FOLDERS.stream().map(Path::of).flatMap(FuseLibrary::subfolders);
        return Stream.concat(FOLDERS.stream().map(Path::of), multiarch)
                .map(dir -> dir.resolve(SONAME))
                .filter(Files::isReadable)
                .findFirst();
    }

    private static Stream<Path> subfolders(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith("-linux-gnu")).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static String ldconfigCache() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
            try {
                Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return new String(out, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                // Not at this path: try the next.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "";
    }
}
