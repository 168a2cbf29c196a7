package io.intinode.fuse.cli;

import io.intinode.fuse.FuseException;
import io.intinode.fuse.mount.MountConfig;
import io.intinode.fuse.mount.SkinnyMount;
import io.intinode.node.cli.CliException;
import io.intinode.node.cli.ExitCodes;
import io.intinode.node.cli.IntinodeCommand;
import io.intinode.node.cli.NodeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code intinode mount SRC MNT}: shows a skinny tree read-only with every stub as its content. */
@Command(name = "mount", mixinStandardHelpOptions = true,
        description = {"Mount the skinny tree SRC read-only at MNT: every stub file appears as the file it stands for,"
                + " fetched into the cache on first open and verified (size and SHA-256) before any byte is served.",
                "Runs in the background unless --foreground; stop it with 'intinode umount MNT', SIGTERM or Ctrl-C."})
final class MountCommand implements Callable<Integer> {

    @ParentCommand
    IntinodeCommand parent;

    @Parameters(index = "0", paramLabel = "SRC", description = "The skinny tree (a directory with stub files).")
    Path source;

    @Parameters(index = "1", paramLabel = "MNT", description = "An existing directory outside SRC; what it holds is hidden while mounted.")
    Path mountPoint;

    @Option(names = {"-f", "--foreground"}, description = "Stay in the foreground (for systemd and containers); logs go to stderr.")
    boolean foreground;

    @Option(names = "--node", defaultValue = "auto", paramLabel = "auto|none",
            description = "auto: get content through a running intinode node (LAN and DHT peers), else standalone;"
                    + " none: standalone (cache, then the stubs' URLs). Default: ${DEFAULT-VALUE}.")
    NodeMode node;

    @Option(names = "--fetch-timeout", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest an open() waits for a stub's content before failing with EIO. Default: ${DEFAULT-VALUE}.")
    Duration fetchTimeout;

    @Option(names = "--metadata-timeout", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest a stat, listing or readlink waits on SRC before failing with EIO. Default: ${DEFAULT-VALUE}.")
    Duration metadataTimeout;

    @Option(names = "--cache-timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long the kernel trusts names and attributes without asking again; changes to SRC"
                    + " show up after at most this long. Default: ${DEFAULT-VALUE}.")
    Duration cacheTimeout;

    @Override
    public Integer call() throws InterruptedException {
        MountConfig config = new MountConfig(source, mountPoint, fetchTimeout, metadataTimeout, cacheTimeout,
                MountConfig.DEFAULT_MAX_THREADS);
        if (!foreground) {
            return DetachedMount.start(parent.dataDir(), config.mountPoint());
        }
        try (MountSource blobs = blobSource(); SkinnyMount mount = mount(config, blobs)) {
            System.err.println("intinode: mounted " + mount.source() + " at " + mount.mountPoint()
                    + " (stop with: intinode umount " + mount.mountPoint() + ")");
            mount.awaitUnmounted();
        }
        return ExitCodes.OK;
    }

    /** Through the node when one runs on the data dir (auto), else this process opens the cache itself. */
    private MountSource blobSource() throws InterruptedException {
        if (node == NodeMode.auto) {
            Optional<NodeBlobSource> viaNode = NodeBlobSource.connect(parent.dataDir(), fetchTimeout);
            if (viaNode.isPresent()) {
                System.err.println("intinode: through the node on " + parent.dataDir()
                        + " (its cache, LAN and DHT peers, then the stubs' URLs)");
                return viaNode.get();
            }
            System.err.println("intinode: no node running; standalone (cache, then the stubs' URLs)");
        }
        return StandaloneBlobSource.open(parent.dataDir(), fetchTimeout);
    }

    private static SkinnyMount mount(MountConfig config, MountSource blobs) {
        try {
            return SkinnyMount.mount(config, blobs);
        } catch (FuseException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }
}
