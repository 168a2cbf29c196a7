package io.intinode.fuse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.intinode.fuse.FuseException;
import io.intinode.fuse.mount.MountTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the FUSE integration tests share: the /dev/fuse check, child JVMs, bounded waits. */
public final class FuseTesting {
    private FuseTesting() {}

    /** Skips the test, saying why, when this machine cannot mount FUSE filesystems. */
    public static void assumeFuse() {
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "/dev/fuse is absent: FUSE mount tests skipped");
    }

    /** Waits for a condition, polling, and fails after {@code limit}. */
    public static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    public static boolean isMounted(Path dir) {
        return MountTable.find(MountTable.canonical(dir)).isPresent();
    }

    /**
     * Makes sure nothing stays mounted after a test, whatever happened in it. A mount whose process was
     * just killed may still be going away (auto_unmount): that counts as gone.
     */
    public static void forceUnmount(Path dir) {
        try {
            if (isMounted(dir)) {
                MountTable.unmount(MountTable.canonical(dir), true);
            }
        } catch (FuseException e) {
            if (isMounted(dir)) {
                throw e;
            }
        }
        assertThat(isMounted(dir)).as("still mounted: " + dir).isFalse();
    }

    /** Starts {@code intinode ARGS} in a child JVM with this test's classpath; output goes to {@code log}. */
    public static Process intinode(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                // Start fast on a busy 2-core machine: these JVMs serve a few small files.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "io.intinode.node.cli.Main"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("INTINODE_LOG_LEVEL", "INFO");
        return pb.start();
    }

    /** Runs a command to completion (bounded) and returns its exit code; output goes to {@code out}. */
    public static int run(Path out, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(out.toFile())).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish within 30 s: " + String.join(" ", command));
        }
        return p.exitValue();
    }

    public static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
