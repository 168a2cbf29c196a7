package io.intinode.fuse.cli;

import io.intinode.fuse.mount.MountTable;
import io.intinode.node.cli.CliException;
import io.intinode.node.cli.ExitCodes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Background mode: runs this same command again with {@code --foreground} in a new session (so that
 * closing the terminal does not stop it), logging to a file, and returns once the mount answers.
 */
final class DetachedMount {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int LOG_TAIL_LINES = 5;

    private DetachedMount() {}

    static int start(Path dataDir, Path mountPoint) throws InterruptedException {
        Path mnt = MountTable.canonical(mountPoint);
        if (MountTable.state(mnt) == MountTable.State.ALIVE) {
            throw new CliException(ExitCodes.FAILURE, mnt + " is already mounted; unmount it first: intinode umount " + mnt);
        }
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(ownCommandLine());
        command.add("--foreground");
        Path log = dataDir.resolve("mounts").resolve(mnt.toString().substring(1).replace('/', '_') + ".log");
        Process child;
        try {
            Files.createDirectories(log.getParent());
            child = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot start the mount process: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new CliException(ExitCodes.FAILURE, "mount failed: " + tail(log));
            }
            if (MountTable.state(mnt) == MountTable.State.ALIVE) {
                System.err.println("intinode: mounted at " + mnt + " (pid " + child.pid() + ", log " + log
                        + "); stop with: intinode umount " + mnt);
                return ExitCodes.OK;
            }
            Thread.sleep(POLL); // waiting on another process's mount: nothing to block on
        }
        child.destroy();
        throw new CliException(ExitCodes.FAILURE, "the mount did not come up within " + READY_TIMEOUT + "; see " + log);
    }

    /** This JVM's full command line (ProcessHandle.Info may leave the arguments out). */
    private static List<String> ownCommandLine() {
        try {
            String cmdline = Files.readString(Path.of("/proc/self/cmdline"), StandardCharsets.UTF_8);
            return List.of(cmdline.split("\0"));
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot read this process's command line (" + e.getMessage()
                    + "); use --foreground", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "see " + log;
        }
    }
}
