package io.intinode.fuse.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cryptomator.jfuse.api.DirFiller;
import org.cryptomator.jfuse.api.Stat;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.fuse_fill_dir_t;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.stat;
import org.junit.jupiter.api.Test;

class ListingFillerTest {
    private static final DirNames NAMES = DirNames.of(List.of(new DirectoryListings.Named("a.bin", Entry.S_IFREG),
            new DirectoryListings.Named("sub", Entry.S_IFDIR), new DirectoryListings.Named("link", 0120000),
            new DirectoryListings.Named("ümlaut", Entry.S_IFREG)));
    private static final List<String> EXPECTED = List.of(". 40000 0 0", ".. 40000 0 0", "a.bin 100000 0 0",
            "sub 40000 0 0", "link 120000 0 0", "ümlaut 100000 0 0");

    /**
     * Each call of the filler as it saw it: name, st_mode in octal, offset, flags. Recorded, not asserted, in the
     * upcall: an exception there would end the JVM.
     */
    private final List<String> calls = new ArrayList<>();

    @Test
    void callsLibfusesFillerOfJfusesDirFillerWithEachNameAndFileType() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(8);
            List<Long> bufs = new ArrayList<>();
            MemorySegment function = fuse_fill_dir_t.allocate((b, name, st, off, flags) -> {
                bufs.add(b.address());
                calls.add(call(name.reinterpret(1024).getString(0), stat.st_mode(st.reinterpret(stat.sizeof())), off, flags));
                return 0;
            }, arena);

            assertThat(new ListingFiller().fill(jfuseFiller(buf, function, arena), NAMES)).isZero();
            assertThat(bufs).as("libfuse's buffer handed on").containsOnly(buf.address());
        }
        assertThat(calls).isEqualTo(EXPECTED);
    }

    @Test
    void stopsWhereLibfuseTakesNoMore() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment function = fuse_fill_dir_t.allocate((b, name, st, off, flags) -> {
                calls.add(name.reinterpret(1024).getString(0));
                return calls.size() == 3 ? 1 : 0;
            }, arena);

            assertThat(new ListingFiller().fill(jfuseFiller(arena.allocate(8), function, arena), NAMES)).isEqualTo(1);
        }
        assertThat(calls).containsExactly(".", "..", "a.bin");
    }

    @Test
    void aFillerThatIsNotJfusesGetsTheSameNamesThroughItsOwnFill() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = stat.allocate(arena);
            Stat jfuseStat = jfuseStat(st);
            DirFiller other = new DirFiller() {
                @Override
                public int fill(String name, Consumer<Stat> statFiller, long offset, int flags) {
                    statFiller.accept(jfuseStat);
                    calls.add(call(name, stat.st_mode(st), offset, flags));
                    return 0;
                }
            };
            ListingFiller filler = new ListingFiller();
            assertThat(filler.fill(other, NAMES)).isZero();
            assertThat(calls).isEqualTo(EXPECTED);
        }
    }

    private static String call(String name, int mode, long offset, int flags) {
        return name + " " + Integer.toOctalString(mode) + " " + offset + " " + flags;
    }

    /** What jfuse hands to readdir: its package-private record around libfuse's buffer and filler function. */
    private static DirFiller jfuseFiller(MemorySegment buf, MemorySegment function, Arena arena) throws Exception {
        Constructor<?> c = Class.forName("org.cryptomator.jfuse.linux.amd64.DirFillerImpl")
                .getDeclaredConstructor(MemorySegment.class, MemorySegment.class, Arena.class);
        c.setAccessible(true);
        return (DirFiller) c.newInstance(buf, function, arena);
    }

    private static Stat jfuseStat(MemorySegment st) throws Exception {
        Constructor<?> c = Class.forName("org.cryptomator.jfuse.linux.amd64.StatImpl").getDeclaredConstructor(MemorySegment.class);
        c.setAccessible(true);
        return (Stat) c.newInstance(st);
    }
}
