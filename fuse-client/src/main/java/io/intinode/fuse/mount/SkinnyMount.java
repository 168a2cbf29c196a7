package io.intinode.fuse.mount;

import io.intinode.fuse.FuseException;
import io.intinode.fuse.fs.BlobSource;
import io.intinode.fuse.fs.DirCacheFlags;
import io.intinode.fuse.fs.SharedBlobs;
import io.intinode.fuse.fs.SkinnyFs;
import io.intinode.fuse.fs.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.cryptomator.jfuse.api.Fuse;
import org.cryptomator.jfuse.api.FuseBuilder;
import org.cryptomator.jfuse.api.FuseMountFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mounted skinny tree: mounts on creation (cleaning up a stale mount left at the same place by a
 * crash), unmounts on {@link #close()} and on JVM shutdown (SIGTERM, SIGINT).
 */
public final class SkinnyMount implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SkinnyMount.class);
    private static final Duration UNMOUNT_POLL = Duration.ofMillis(200);

    private final MountConfig config;
    private final Fuse fuse;
    private final SkinnyFs fs;
    private final SharedBlobs blobs;
    private final long mountId;
    private final Thread shutdownHook = new Thread(this::close, "intinode-unmount");
    private boolean closed; // guarded by this

    private SkinnyMount(MountConfig config, Fuse fuse, SkinnyFs fs, SharedBlobs blobs, long mountId) {
        this.config = config;
        this.fuse = fuse;
        this.fs = fs;
        this.blobs = blobs;
        this.mountId = mountId;
    }

    /** Mounts {@code config.source()} at {@code config.mountPoint()}; the paths are resolved to real paths. */
    public static SkinnyMount mount(MountConfig config, BlobSource source) {
        Path src = realDirectory(config.source(), "source");
        clearStaleMount(MountTable.canonical(config.mountPoint()));
        Path mnt = realDirectory(config.mountPoint(), "mount point");
        if (mnt.startsWith(src) || src.startsWith(mnt)) {
            throw new FuseException("the mount point " + mnt + " and the source " + src + " must not contain each other");
        }
        FuseBuilder builder = Fuse.builder();
        Path library = FuseLibrary.find();
        builder.setLibraryPath(library.toString());
        SharedBlobs blobs = new SharedBlobs(source);
        SkinnyFs fs = new SkinnyFs(new SourceTree(src), blobs, builder.errno(),
                config.metadataTimeout(), config.fetchTimeout(), config.cacheTimeout(),
                DirCacheFlags.forLibfuse(FuseLibrary.version(library)));
        Fuse fuse = builder.build(fs);
        try {
            fuse.mount("intinode", mnt, options(src, config).toArray(String[]::new));
        } catch (FuseMountFailedException | RuntimeException e) {
            blobs.close();
            fs.close();
            closeQuietly(fuse);
            throw new FuseException("cannot mount " + src + " at " + mnt + ": " + e.getMessage(), e);
        }
        long id = MountTable.find(mnt).orElseThrow(() -> new FuseException(mnt + " missing from the mount table")).id();
        SkinnyMount mount = new SkinnyMount(new MountConfig(src, mnt, config.fetchTimeout(), config.metadataTimeout(),
                config.cacheTimeout(), config.maxThreads()), fuse, fs, blobs, id);
        Runtime.getRuntime().addShutdownHook(mount.shutdownHook);
        log.info("mounted {} at {}", src, mnt);
        return mount;
    }

    static List<String> options(Path source, MountConfig config) {
        long cacheSeconds = config.cacheTimeout().toSeconds();
        return List.of(
                // ro: the kernel refuses writes (EROFS) before they reach us. kernel_cache: content is
                // immutable, so pages stay cached across opens. auto_unmount: a helper unmounts even
                // after SIGKILL. No direct_io: it breaks shared mmap on libfuse < 3.17.
                "-o", "ro,default_permissions,auto_unmount,kernel_cache,subtype=intinode,fsname=" + escape(source.toString()),
                "-o", "max_threads=" + config.maxThreads(),
                "-o", "max_read=" + SkinnyFs.MAX_READ_BYTES,
                "-o", "attr_timeout=" + cacheSeconds + ",entry_timeout=" + cacheSeconds);
    }

    /** libfuse splits -o values on commas; a backslash escapes. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,");
    }

    public Path mountPoint() {
        return config.mountPoint();
    }

    public Path source() {
        return config.source();
    }

    /** Blocks until the mount is gone: {@code intinode umount}, {@code fusermount3 -u}, or {@link #close()}. */
    public void awaitUnmounted() throws InterruptedException {
        while (!isClosed() && MountTable.contains(mountId)) {
            Thread.sleep(UNMOUNT_POLL); // the mount table offers no blocking wait to Java; this poll is cheap
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Unmounts (if still mounted) and releases everything; waiting opens fail at once. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        blobs.close();
        closeQuietly(fuse);
        fs.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself: nothing to remove.
        }
        log.info("unmounted {}", config.mountPoint());
    }

    private static void closeQuietly(Fuse fuse) {
        try {
            fuse.close();
        } catch (TimeoutException e) {
            log.warn("the FUSE loop did not stop within 10 s after unmounting");
        }
    }

    private static void clearStaleMount(Path mnt) {
        switch (MountTable.state(mnt)) {
            case NOT_MOUNTED -> { }
            case STALE -> {
                MountTable.unmount(mnt, true);
                log.warn("cleaned up a stale mount at {} (its process had ended without unmounting)", mnt);
            }
            case ALIVE -> throw new FuseException(mnt + " is already mounted; unmount it first: intinode umount " + mnt);
            case NOT_RESPONDING -> throw new FuseException(mnt + " is mounted but does not answer; detach it with:"
                    + " intinode umount --lazy " + mnt);
        }
    }

    private static Path realDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new FuseException("the " + what + " " + dir + " is not a directory");
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new FuseException("cannot resolve the " + what + " " + dir + ": " + e.getMessage(), e);
        }
    }
}
