package io.intinode.fuse.fs;

import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import io.intinode.transfer.stub.StubFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only source tree behind a mount: maps mount paths to source paths and reads each entry's
 * metadata, recognising stub files by their first 9 bytes.
 */
public final class SourceTree {
    private static final Logger log = LoggerFactory.getLogger(SourceTree.class);
    private static final String ATTRIBUTES = "unix:mode,uid,gid,nlink,size,lastAccessTime,lastModifiedTime,ctime";
    private static final int MAGIC_BYTES = 9;

    private final Path root;

    public SourceTree(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The source path of a mount path such as {@code /a/b} (the kernel never passes {@code ..}). */
    public Path resolve(String mountPath) {
        String relative = mountPath.startsWith("/") ? mountPath.substring(1) : mountPath;
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    /** The entry at a source path, without following a final symlink. */
    public Entry entry(Path source) throws IOException {
        Map<String, Object> a = Files.readAttributes(source, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        long size = (Long) a.get("size");
        Stub stub = (mode & Entry.S_IFMT) == Entry.S_IFREG ? stubOrNull(source, size) : null;
        return new Entry(mode, (Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("nlink"),
                stub != null ? stub.size() : size,
                (FileTime) a.get("lastAccessTime"), (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"),
                stub);
    }

    /** The file type bits ({@code S_IFMT} part of the mode) of a source path, without following a symlink. */
    public int type(Path source) throws IOException {
        return (Integer) Files.getAttribute(source, "unix:mode", LinkOption.NOFOLLOW_LINKS) & Entry.S_IFMT;
    }

    /**
     * The stub in a regular file, or null when the file is not one. Files that cannot be stubs by their
     * size are never opened; a file with the magic but bad content is shown as the plain file it is.
     */
    private static Stub stubOrNull(Path file, long size) throws IOException {
        if (size < MAGIC_BYTES || size > StubCodec.MAX_STUB_BYTES) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC_BYTES);
            if (!StubCodec.hasMagic(head)) {
                return null;
            }
            byte[] rest = in.readNBytes(StubCodec.MAX_STUB_BYTES + 1 - MAGIC_BYTES);
            bytes = new byte[head.length + rest.length];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(rest, 0, bytes, head.length, rest.length);
        }
        try {
            return StubCodec.decode(bytes, file.toString());
        } catch (StubFormatException e) {
            log.warn("{} (shown as a plain file)", e.getMessage());
            return null;
        }
    }
}
