package io.intinode.fuse.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import org.cryptomator.jfuse.api.Stat;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.stat;
import org.junit.jupiter.api.Test;

class StatBlocksTest {
    @Test
    void writesBlocksAndBlockSizeIntoTheStructBehindJfusesStat() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment struct = stat.allocate(arena);
            Stat attrs = jfuseStat(struct);
            attrs.setSize(1_000_000);

            assertThat(new StatBlocks(1 << 20).set(attrs, 1_000_000)).isTrue();

            assertThat(stat.st_blocks(struct)).isEqualTo(1954); // 1,000,000 / 512 = 1953.1
            assertThat(stat.st_blksize(struct)).isEqualTo(1 << 20);
            assertThat(stat.st_size(struct)).as("untouched").isEqualTo(1_000_000);
        }
    }

    @Test
    void aStatThatIsNotJfusesRecordIsLeftAloneAndNoLongerTried() {
        Stat other = (Stat) Proxy.newProxyInstance(Stat.class.getClassLoader(), new Class<?>[] {Stat.class},
                (proxy, method, args) -> null);
        StatBlocks blocks = new StatBlocks(4096);

        assertThat(blocks.set(other, 10)).isFalse();
        assertThat(blocks.set(other, 10)).isFalse();
    }

    @Test
    void blocksAreWhole512ByteUnitsRoundedUp() {
        assertThat(StatBlocks.blocks(0)).isZero();
        assertThat(StatBlocks.blocks(1)).isEqualTo(1);
        assertThat(StatBlocks.blocks(512)).isEqualTo(1);
        assertThat(StatBlocks.blocks(513)).isEqualTo(2);
        assertThat(StatBlocks.blocks(5L << 30)).isEqualTo(5L << 21);
    }

    private static Stat jfuseStat(MemorySegment struct) throws ReflectiveOperationException {
        Constructor<?> c = Class.forName("org.cryptomator.jfuse.linux.amd64.StatImpl").getDeclaredConstructor(MemorySegment.class);
        c.setAccessible(true);
        return (Stat) c.newInstance(struct);
    }
}
