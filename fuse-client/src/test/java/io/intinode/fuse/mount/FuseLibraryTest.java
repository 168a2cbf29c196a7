package io.intinode.fuse.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.fuse.FuseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FuseLibraryTest {
    @TempDir
    Path dir;

    @Test
    void prefersTheX8664EntryOfTheLinkerCache() throws IOException {
        Path i386 = Files.createFile(dir.resolve("i386.so"));
        Path amd64 = Files.createFile(dir.resolve("amd64.so"));
        String ldconfig = """
                1234 libs found in cache `/etc/ld.so.cache'
                \tlibfuse3.so.3 (libc6) => %s
                \tlibfuse3.so.3 (libc6,x86-64) => %s
                \tlibfuse.so.2 (libc6,x86-64) => /lib/x86_64-linux-gnu/libfuse.so.2
                """.formatted(i386, amd64);
        assertThat(FuseLibrary.fromLdconfig(ldconfig)).contains(amd64);
        assertThat(FuseLibrary.find(Map.of(), () -> ldconfig)).isEqualTo(amd64);
    }

    @Test
    void prefersTheSonameOfLibfuse317() throws IOException {
        Path old = Files.createFile(dir.resolve("libfuse3.so.3"));
        Path current = Files.createFile(dir.resolve("libfuse3.so.4"));
        String ldconfig = """
                \tlibfuse3.so.3 (libc6,x86-64) => %s
                \tlibfuse3.so.4 (libc6,x86-64) => %s
                """.formatted(old, current);
        assertThat(FuseLibrary.fromLdconfig(ldconfig)).contains(current);
    }

    @Test
    void readsTheVersionOfTheLibraryOnThisMachine() {
        assertThat(FuseLibrary.version(FuseLibrary.find())).matches("3\\.\\d+\\.\\d+.*");
        assertThat(FuseLibrary.version(dir.resolve("nonexistent.so"))).isEqualTo("unknown");
    }

    @Test
    void ignoresEntriesThatAreNotThereAndOtherSonames() {
        assertThat(FuseLibrary.fromLdconfig("\tlibfuse3.so.3 (libc6,x86-64) => /nonexistent/libfuse3.so.3\n")).isEmpty();
        assertThat(FuseLibrary.fromLdconfig("\tlibfuse3.so.30 (libc6,x86-64) => /etc/hostname\n")).isEmpty();
        assertThat(FuseLibrary.fromLdconfig("")).isEmpty();
    }

    @Test
    void theEnvironmentWinsAndIsChecked() throws IOException {
        Path lib = Files.createFile(dir.resolve("libfuse3.so.3"));
        assertThat(FuseLibrary.find(Map.of("INTINODE_LIBFUSE", lib.toString()), () -> "")).isEqualTo(lib);
        assertThatThrownBy(() -> FuseLibrary.find(Map.of("INTINODE_LIBFUSE", "/nonexistent.so"), () -> ""))
                .isInstanceOf(FuseException.class).hasMessageContaining("INTINODE_LIBFUSE=/nonexistent.so");
    }

    @Test
    void findsTheLibraryOnThisMachine() {
        assertThat(FuseLibrary.find()).isReadable().satisfies(p -> assertThat(p.getFileName().toString()).isIn("libfuse3.so.3", "libfuse3.so.4"));
    }
}
