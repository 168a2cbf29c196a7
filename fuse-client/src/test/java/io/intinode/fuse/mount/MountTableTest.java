package io.intinode.fuse.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.fuse.FuseException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MountTableTest {
    private static final String MOUNTINFO = """
            22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
            42 22 0:39 / /tmp/my\\040mnt ro,nosuid,nodev,relatime shared:7 master:3 - fuse.intinode /srv/a\\134b ro,user_id=0
            43 22 0:40 / /mnt rw - fuse /dev/fuse rw
            """;

    @Test
    void parsesMountPointsTypesAndSourcesWithOptionalFieldsAndEscapes() {
        var mounts = MountTable.parse(MOUNTINFO);
        assertThat(mounts).containsExactly(
                new MountTable.Mount(22, Path.of("/"), "ext4", "/dev/sda1"),
                new MountTable.Mount(42, Path.of("/tmp/my mnt"), "fuse.intinode", "/srv/a\\b"),
                new MountTable.Mount(43, Path.of("/mnt"), "fuse", "/dev/fuse"));
        assertThat(mounts).extracting(MountTable.Mount::isFuse).containsExactly(false, true, true);
    }

    @Test
    void unescapesOnlyThreeDigitOctal() {
        assertThat(MountTable.unescape("a\\011b\\012c")).isEqualTo("a\tb\nc");
        assertThat(MountTable.unescape("trailing\\04")).isEqualTo("trailing\\04");
        assertThat(MountTable.unescape("not\\999octal")).isEqualTo("not\\999octal");
        assertThat(MountTable.unescape("caf\\303\\251")).isEqualTo("café");
    }

    @Test
    void malformedLinesAreAClearError() {
        assertThatThrownBy(() -> MountTable.parse("22 1 8:1 / / rw no-separator ext4\n"))
                .isInstanceOf(FuseException.class).hasMessageContaining("unexpected line");
        assertThatThrownBy(() -> MountTable.parse("22 1\n")).isInstanceOf(FuseException.class);
    }
}
