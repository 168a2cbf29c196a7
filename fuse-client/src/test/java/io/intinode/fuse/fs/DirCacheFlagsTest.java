package io.intinode.fuse.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Constructor;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.cryptomator.jfuse.api.FileInfo;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.fuse_file_info;
import org.junit.jupiter.api.Test;

class DirCacheFlagsTest {

    @Test
    void jfuseLaysOutStructFuseFileInfoAsLibfuse3Does() {
        // int32_t flags, then the bitfield word and two padding words, then uint64_t fh (libfuse 3.14 to 3.17).
        assertThat(fuse_file_info.flags$offset()).isZero();
        assertThat(fuse_file_info.fh$offset()).isEqualTo(16);
    }

    @Test
    void setsCacheReaddirAndKeepCacheInJfusesStructOnly() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment struct = fuse_file_info.allocate(arena);
            FileInfo fi = jfuseFileInfo(struct);
            fuse_file_info.flags(struct, 0100000);
            fi.setFh(42);

            DirCacheFlags flags = DirCacheFlags.forLibfuse("3.17.2");
            assertThat(flags.wanted()).isTrue();
            assertThat(flags.set(fi)).isTrue();
            int bits = struct.get(ValueLayout.JAVA_INT, DirCacheFlags.BITS_OFFSET);
            assertThat(bits).isEqualTo((1 << 2) | (1 << 6)); // keep_cache, cache_readdir; nothing else
            assertThat(fi.getFlags()).isEqualTo(0100000);
            assertThat(fi.getFh()).isEqualTo(42);
        }
    }

    @Test
    void leavesTheStructAloneWhereLibfuseWouldNotPassTheBitsOn() throws Exception {
        for (String version : new String[] {"3.14.0", "3.16.0", "unknown", "", "3.x.1", "99999.1.1"}) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment struct = fuse_file_info.allocate(arena);
                DirCacheFlags flags = DirCacheFlags.forLibfuse(version);
                assertThat(flags.wanted()).as(version).isFalse();
                assertThat(flags.set(jfuseFileInfo(struct))).as(version).isFalse();
                assertThat(struct.get(ValueLayout.JAVA_INT, DirCacheFlags.BITS_OFFSET)).isZero();
            }
        }
        assertThat(DirCacheFlags.parse("3.16.1")).hasValueSatisfying(v -> assertThat(v).containsExactly(3, 16, 1));
        assertThat(DirCacheFlags.parse("3.17.1-rc0")).hasValueSatisfying(v -> assertThat(v).containsExactly(3, 17, 1));
        assertThat(DirCacheFlags.parse(null)).isEmpty();
    }

    @Test
    void aFileInfoThatIsNotJfusesIsLeftAloneAndSoAreLaterOnes() throws Exception {
        DirCacheFlags flags = DirCacheFlags.forLibfuse("3.16.1");
        assertThat(flags.set(new OtherFileInfo())).isFalse();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment struct = fuse_file_info.allocate(arena);
            assertThat(flags.set(jfuseFileInfo(struct))).isFalse(); // once unreachable, never tried again
            assertThat(struct.get(ValueLayout.JAVA_INT, DirCacheFlags.BITS_OFFSET)).isZero();
        }
    }

    /** What jfuse hands to opendir: its package-private record around the struct. */
    private static FileInfo jfuseFileInfo(MemorySegment struct) throws Exception {
        Constructor<?> c = Class.forName("org.cryptomator.jfuse.linux.amd64.FileInfoImpl")
                .getDeclaredConstructor(MemorySegment.class);
        c.setAccessible(true);
        return (FileInfo) c.newInstance(struct);
    }

    private static final class OtherFileInfo implements FileInfo {
        @Override
        public long getFh() {
            return 0;
        }

        @Override
        public void setFh(long fh) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getFlags() {
            return 0;
        }

        @Override
        public Set<StandardOpenOption> getOpenFlags() {
            return Set.of();
        }

        @Override
        public long getLockOwner() {
            return 0;
        }
    }
}
