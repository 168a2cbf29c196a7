package io.intinode.fuse.mount;

import static io.intinode.fuse.testing.FuseTesting.assumeFuse;
import static io.intinode.fuse.testing.FuseTesting.await;
import static io.intinode.fuse.testing.FuseTesting.forceUnmount;
import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.fuse.testing.NoBlobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listings the kernel keeps (cache_readdir on libfuse 3.16.1 and later, else our own kept names) still follow
 * the source tree: an entry added or removed there shows at the mount within the cache timeout.
 */
class ListingChangesIT {
    private static final Duration CACHE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration LIMIT = CACHE_TIMEOUT.plusSeconds(10);

    @TempDir
    Path tmp;
    Path src;
    Path mnt;
    SkinnyMount mount;

    @BeforeEach
    void mountTree() throws IOException {
        assumeFuse();
        src = Files.createDirectories(tmp.resolve("src"));
        mnt = Files.createDirectories(tmp.resolve("mnt"));
        Files.createDirectories(src.resolve("dir"));
        Files.writeString(src.resolve("dir/a"), "a");
        Files.writeString(src.resolve("dir/b"), "b");
        MountConfig config = MountConfig.of(src, mnt);
        mount = SkinnyMount.mount(new MountConfig(src, mnt, config.fetchTimeout(), config.metadataTimeout(),
                CACHE_TIMEOUT, config.maxThreads()), new NoBlobs());
    }

    @AfterEach
    void unmount() {
        if (mount != null) {
            mount.close();
        }
        if (mnt != null) {
            forceUnmount(mnt);
        }
    }

    @Test
    void addedAndRemovedEntriesShowWithinTheCacheTimeout() throws Exception {
        for (int run = 0; run < 3; run++) { // repeated listings: from the kernel's or our kept listing
            assertThat(names()).as("run %d", run).containsExactly("a", "b");
        }
        Files.writeString(src.resolve("dir/c"), "c");
        Files.delete(src.resolve("dir/a"));
        await("the changed listing at the mount", LIMIT, () -> names().equals(List.of("b", "c")));
        assertThat(Files.readString(mnt.resolve("dir/c"))).isEqualTo("c");
        assertThat(names()).containsExactly("b", "c");
    }

    private List<String> names() {
        try (Stream<Path> list = Files.list(mnt.resolve("dir"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
