package io.intinode.fuse.fs;

import io.intinode.transfer.stub.Stub;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What the mount shows for one entry of the source tree: the source's own metadata, except that a
 * stub file shows the size of the content it stands for.
 *
 * @param mode full {@code st_mode} (file type and permission bits), as in the source tree
 * @param size the stub's content size for a stub, else the source entry's size
 * @param stub the parsed stub when the entry is a valid stub file, else null
 */
public record Entry(int mode, int uid, int gid, long nlink, long size,
                    FileTime atime, FileTime mtime, FileTime ctime, Stub stub) {

    static final int S_IFMT = 0170000;
    static final int S_IFREG = 0100000;
    static final int S_IFDIR = 0040000;

    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public Optional<Stub> asStub() {
        return Optional.ofNullable(stub);
    }
}
