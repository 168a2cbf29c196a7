package io.intinode.fuse.fs;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The names and file types of one directory, and the same with {@code .} and {@code ..} in the form libfuse's
 * readdir filler takes: NUL-terminated UTF-8 names in one block of native memory, prepared once for every listing
 * given from it and freed by the garbage collector with the last reference to it. {@code find -type} and {@code ls}
 * rely on the types (d_type).
 */
final class DirNames {
    private final List<DirectoryListings.Named> entries;
    private final MemorySegment names;
    private final int[] starts;
    private final int[] types;

    private DirNames(List<DirectoryListings.Named> entries, MemorySegment names, int[] starts, int[] types) {
        this.entries = entries;
        this.names = names;
        this.starts = starts;
        this.types = types;
    }

    static DirNames of(List<DirectoryListings.Named> entries) {
        int count = entries.size() + 2;
        byte[][] encoded = new byte[count][];
        int[] types = new int[count];
        encoded[0] = new byte[] {'.'};
        encoded[1] = new byte[] {'.', '.'};
        types[0] = Entry.S_IFDIR;
        types[1] = Entry.S_IFDIR;
        int bytes = 5;
        for (int i = 2; i < count; i++) {
            DirectoryListings.Named n = entries.get(i - 2);
            encoded[i] = n.name().getBytes(StandardCharsets.UTF_8);
            types[i] = n.type();
            bytes += encoded[i].length + 1;
        }
        MemorySegment names = Arena.ofAuto().allocate(bytes); // zeroed: the byte after each name is its NUL
        int[] starts = new int[count];
        int at = 0;
        for (int i = 0; i < count; i++) {
            starts[i] = at;
            MemorySegment.copy(encoded[i], 0, names, ValueLayout.JAVA_BYTE, at, encoded[i].length);
            at += encoded[i].length + 1;
        }
        return new DirNames(List.copyOf(entries), names, starts, types);
    }

    /** The entries without {@code .} and {@code ..}. */
    List<DirectoryListings.Named> entries() {
        return entries;
    }

    /** How many names the filler gets, {@code .} and {@code ..} included. */
    int count() {
        return starts.length;
    }

    /** The i-th name as a C string, valid while this is reachable. */
    MemorySegment cName(int i) {
        return names.asSlice(starts[i]);
    }

    /** The i-th name's {@code S_IFMT} bits. */
    int type(int i) {
        return types[i];
    }

    /** The i-th name as Java has it. */
    String name(int i) {
        return i == 0 ? "." : i == 1 ? ".." : entries.get(i - 2).name();
    }
}
