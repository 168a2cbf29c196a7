package io.intinode.fuse.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirNamesTest {

    @Test
    void givesDotEntriesFirstThenEachNameAsANulTerminatedUtf8String() {
        List<DirectoryListings.Named> entries = List.of(new DirectoryListings.Named("file.bin", Entry.S_IFREG),
                new DirectoryListings.Named("été", Entry.S_IFDIR), new DirectoryListings.Named("link", 0120000));
        DirNames names = DirNames.of(entries);

        assertThat(names.entries()).isEqualTo(entries);
        assertThat(names.count()).isEqualTo(5);
        String[] expected = {".", "..", "file.bin", "été", "link"};
        int[] types = {Entry.S_IFDIR, Entry.S_IFDIR, Entry.S_IFREG, Entry.S_IFDIR, 0120000};
        for (int i = 0; i < names.count(); i++) {
            byte[] utf8 = expected[i].getBytes(StandardCharsets.UTF_8);
            assertThat(names.cName(i).getString(0)).as("name %d", i).isEqualTo(expected[i]);
            assertThat(names.cName(i).get(java.lang.foreign.ValueLayout.JAVA_BYTE, utf8.length)).as("NUL %d", i).isZero();
            assertThat(names.name(i)).isEqualTo(expected[i]);
            assertThat(names.type(i)).isEqualTo(types[i]);
        }
    }

    @Test
    void anEmptyDirectoryHasItsDotEntries() {
        DirNames names = DirNames.of(List.of());
        assertThat(names.count()).isEqualTo(2);
        assertThat(names.cName(1).getString(0)).isEqualTo("..");
    }
}
