package io.intinode.fuse.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.fuse.testing.NoBlobs;
import java.nio.file.Path;
import java.time.Duration;
import org.cryptomator.jfuse.api.Fuse;
import org.cryptomator.jfuse.api.FuseOperations.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkinnyFsTest {
    @TempDir
    Path src;

    @Test
    void opendirOnlyWhereItSetsTheListingCacheBitsAndNeverReleasedir() {
        assertThat(fs("3.14.0").supportedOperations()).doesNotContain(Operation.OPEN_DIR, Operation.RELEASE_DIR)
                .contains(Operation.READ_DIR, Operation.GET_ATTR, Operation.OPEN, Operation.READ, Operation.RELEASE);
        assertThat(fs("3.17.2").supportedOperations()).contains(Operation.OPEN_DIR, Operation.READ_DIR)
                .doesNotContain(Operation.RELEASE_DIR);
    }

    private SkinnyFs fs(String libfuse) {
        Duration t = Duration.ofSeconds(5);
        return new SkinnyFs(new SourceTree(src), new SharedBlobs(new NoBlobs()), Fuse.builder().errno(), t, t, t,
                DirCacheFlags.forLibfuse(libfuse));
    }
}
