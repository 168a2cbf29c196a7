package io.intinode.fuse.cli;

import io.intinode.node.cli.SubcommandProvider;
import java.util.List;

/** Adds {@code mount} and {@code umount} to the {@code intinode} CLI (found through META-INF/services). */
public final class FuseCommands implements SubcommandProvider {
    @Override
    public List<Object> subcommands() {
        return List.of(new MountCommand(), new UmountCommand());
    }
}
