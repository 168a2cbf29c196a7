package io.intinode.fuse.cli;

import io.intinode.fuse.FuseException;
import io.intinode.fuse.mount.MountTable;
import io.intinode.node.cli.CliException;
import io.intinode.node.cli.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code intinode umount MNT}: unmounts a mounted skinny tree (also a stale one left by a crash). */
@Command(name = "umount", mixinStandardHelpOptions = true,
        description = {"Unmount a skinny tree mounted with 'intinode mount'; the mount process then exits.",
                "A stale mount (its process died) is detached as well."})
final class UmountCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MNT", description = "The mount point.")
    Path mountPoint;

    @Option(names = {"-z", "--lazy"}, description = "Detach now even if busy; the kernel finishes when the last user leaves.")
    boolean lazy;

    @Override
    public Integer call() {
        Path mnt = MountTable.canonical(mountPoint);
        MountTable.State state = MountTable.state(mnt);
        if (state == MountTable.State.NOT_MOUNTED) {
            throw new CliException(ExitCodes.FAILURE, mnt + " is not a FUSE mount");
        }
        try {
            MountTable.unmount(mnt, lazy || state != MountTable.State.ALIVE);
        } catch (FuseException e) {
            String hint = e.getMessage().contains("busy") ? " (a process still uses it; close it or use --lazy)" : "";
            throw new CliException(ExitCodes.FAILURE, e.getMessage() + hint, e);
        }
        return ExitCodes.OK;
    }
}
