package io.intinode.node.tree;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Copies a directory tree: directories, symlinks (as links), modes and mtimes are kept; each regular
 * file is written by a {@link FileWriter} (a plain copy, a stub, a hydrated blob). Other file types
 * (fifos, sockets, devices) stop the copy with an error rather than being silently left out.
 */
public final class TreeCopier {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** Writes {@code dst} (which does not exist yet) for the regular file {@code src}. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path src, Path dst, BasicFileAttributes attrs) throws IOException;
    }

    /** What a copy did. {@code bytesIn}/{@code bytesOut}: sizes of regular files in SRC and DST. */
    public record Counts(long files, long directories, long symlinks, long bytesIn, long bytesOut) {}

    private TreeCopier() {}

    /**
     * Checks that SRC is a directory and DST can become its copy: DST is not SRC, not inside SRC,
     * and is absent or an empty directory. Throws IllegalArgumentException with a message for the user.
     */
    public static void checkSourceAndTarget(Path src, Path dst) throws IOException {
        if (!Files.isDirectory(src)) {
            throw new IllegalArgumentException(src + ": not a directory");
        }
        if (isWithin(dst, src)) {
            throw new IllegalArgumentException(dst + " is inside " + src + " (or the same directory)");
        }
        if (Files.exists(dst, NOFOLLOW)) {
            if (!Files.isDirectory(dst, NOFOLLOW)) {
                throw new IllegalArgumentException(dst + " exists and is not a directory");
            }
            try (var entries = Files.list(dst)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(dst + " exists and is not empty");
                }
            }
        }
    }

    /** Whether {@code path} (which need not exist) is {@code tree} or inside it, symlinks resolved. */
    public static boolean isWithin(Path path, Path tree) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        Path real = existing == null ? abs : existing.toRealPath().resolve(existing.relativize(abs));
        return real.startsWith(tree.toRealPath());
    }

    /** Copies SRC to DST (call {@link #checkSourceAndTarget} first). */
    public static Counts copy(Path src, Path dst, FileWriter writer) throws IOException {
        Visitor visitor = new Visitor(src, dst, writer);
        Files.walkFileTree(src, visitor);
        return visitor.counts();
    }

    private static final class Visitor extends SimpleFileVisitor<Path> {
        private final Path src;
        private final Path dst;
        private final FileWriter writer;
        /** Attributes of the directories being copied, applied when they are complete. */
        private final Deque<Attributes> openDirs = new ArrayDeque<>();
        private long files;
        private long directories;
        private long symlinks;
        private long bytesIn;
        private long bytesOut;

        Visitor(Path src, Path dst, FileWriter writer) {
            this.src = src;
            this.dst = dst;
            this.writer = writer;
        }

        Counts counts() {
            return new Counts(files, directories, symlinks, bytesIn, bytesOut);
        }

        private Path target(Path path) {
            return dst.resolve(src.relativize(path).toString());
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            Files.createDirectories(target(dir)); // owner-writable until its children are in
            openDirs.push(Attributes.of(dir));
            directories++;
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
            if (failure != null) {
                throw failure;
            }
            openDirs.pop().applyTo(target(dir));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Path out = target(file);
            if (attrs.isSymbolicLink()) {
                Files.createSymbolicLink(out, Files.readSymbolicLink(file));
                Files.getFileAttributeView(out, PosixFileAttributeView.class, NOFOLLOW)
                        .setTimes(attrs.lastModifiedTime(), null, null);
                symlinks++;
            } else if (attrs.isRegularFile()) {
                writer.write(file, out, attrs);
                Attributes.of(file).applyTo(out);
                files++;
                bytesIn += attrs.size();
                bytesOut += Files.size(out);
            } else {
                throw new IOException(file + ": not a regular file, directory or symlink; cannot copy it");
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
            throw failure;
        }

    }

    /** Mode (with setuid, setgid and sticky bits, which the POSIX view drops) and mtime. */
    private record Attributes(int mode, FileTime mtime) {
        static Attributes of(Path path) throws IOException {
            return new Attributes((Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW) & 07777,
                    Files.getLastModifiedTime(path, NOFOLLOW));
        }

        void applyTo(Path path) throws IOException {
            Files.setAttribute(path, "unix:mode", mode, NOFOLLOW);
            Files.setLastModifiedTime(path, mtime);
        }
    }
}
