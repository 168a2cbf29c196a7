package io.intinode.fuse.mount;

import io.intinode.fuse.FuseException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds libfuse 3 (libfuse3.so.4 since 3.17, else libfuse3.so.3). The JDK's library path lacks the multiarch
 * folders (e.g. /lib/x86_64-linux-gnu), so jfuse is pointed at the file: {@code $INTINODE_LIBFUSE}, else what the dynamic linker's cache
 * ({@code ldconfig -p}) knows, else the usual library folders.
 */
public final class FuseLibrary {
    /** libfuse 3.17 changed its soname to .so.4 (Debian 13 ships it so); the newer is preferred. */
    static final List<String> SONAMES = List.of("libfuse3.so.4", "libfuse3.so.3");
    private static final long MAX_VERSION_BYTES = 64;
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
                .orElseThrow(() -> new FuseException(String.join(" or ", SONAMES) + " not found; install libfuse 3 (Debian/Ubuntu: apt-get"
                        + " install fuse3) or set INTINODE_LIBFUSE to its path"));
    }

    /** The x86-64 (or only) entry for the preferred soname in {@code ldconfig -p} output. */
    static Optional<Path> fromLdconfig(String output) {
        return output.lines()
                .map(String::strip)
                .filter(line -> soname(line) >= 0)
                .sorted(Comparator.comparingInt(FuseLibrary::soname)
                        .thenComparing(line -> !line.contains("x86-64")))
                .map(line -> line.substring(line.indexOf("=>") + 2).strip())
                .map(Path::of)
                .filter(Files::isReadable)
                .findFirst();
    }

    /** The index in {@link #SONAMES} of the soname an {@code ldconfig -p} line is about, or -1. */
    private static int soname(String line) {
        for (int i = 0; i < SONAMES.size(); i++) {
            if (line.startsWith(SONAMES.get(i) + " ")) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Path> fromFolders() {
        List<Path> dirs = Stream.concat(FOLDERS.stream().map(Path::of),
                FOLDERS.stream().map(Path::of).flatMap(FuseLibrary::subfolders)).toList();
        return SONAMES.stream()
                .flatMap(soname -> dirs.stream().map(dir -> dir.resolve(soname)))
                .filter(Files::isReadable)
                .findFirst();
    }

    /** The library's own version ({@code fuse_pkgversion()}, e.g. "3.14.0"), or "unknown". */
    public static String version(Path library) {
        try (Arena arena = Arena.ofConfined()) {
            Linker linker = Linker.nativeLinker();
            MethodHandle pkgversion = SymbolLookup.libraryLookup(library, arena).find("fuse_pkgversion")
                    .map(symbol -> linker.downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.ADDRESS)))
                    .orElse(null);
            if (pkgversion == null) {
                return "unknown";
            }
            MemorySegment text = (MemorySegment) pkgversion.invokeExact();
            return text.equals(MemorySegment.NULL) ? "unknown" : text.reinterpret(MAX_VERSION_BYTES).getString(0);
        } catch (Throwable e) { // a failed dlopen or call: the version only tunes caching
            return "unknown";
        }
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
