package io.intinode.bench.fuse;

import static io.intinode.bench.fuse.Timing.interleaved;
import static io.intinode.bench.fuse.Timing.mbps;
import static io.intinode.bench.fuse.Timing.median;
import static io.intinode.bench.fuse.Timing.ms;
import static io.intinode.bench.fuse.Timing.shell;

import io.intinode.bench.RandomFiles;
import io.intinode.fuse.fs.ResolverBlobSource;
import io.intinode.fuse.mount.MountConfig;
import io.intinode.fuse.mount.SkinnyMount;
import io.intinode.store.BlobHandle;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.download.PartialArea;
import io.intinode.transfer.resolve.ResolverChain;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import io.intinode.transfer.webseed.NginxServer;
import io.intinode.transfer.webseed.WebseedConfig;
import io.intinode.transfer.webseed.WebseedFetcher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The FUSE benchmarks of issue 6, each against a baseline measured in the same run:
 * warm sequential reads through the mount vs the cache file, cold open → first byte (cache, webseed),
 * and find / ls -lR over 20,000 stubs vs the source tree. Run by bench/fuse/run.
 */
public final class FuseBench {
    private static final long BIG_BYTES = 1L << 30;
    private static final int SMALL_BYTES = 1 << 20;
    private static final int COLD_SAMPLES = 15;
    private static final int DIRS = 200;
    private static final int STUBS_PER_DIR = 100;
    /** Timed runs of each command, medians reported. */
    private static final int RUNS = 5;
    /** Repeated listings after the first, each paired with one of the source tree. */
    private static final int LISTING_RUNS = 11;
    /** Age of the listed tree when the listings start: more than the mount's 2 s rule for fresh directories. */
    private static final Duration TREE_SETTLE = Duration.ofSeconds(3);

    private final Path work;
    private final List<String> sections;
    private final SplittableRandom random = new SplittableRandom(6);

    private FuseBench(Path work, List<String> sections) {
        this.work = work;
        this.sections = sections;
    }

    /** Arguments: WORKDIR [SECTION...] where sections are warm, cold, metadata (default: all). */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/intinode-bench-fuse");
        List<String> sections = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("warm", "cold", "metadata");
        new FuseBench(work, sections).run();
    }

    private void run() throws Exception {
        Path src = Files.createDirectories(work.resolve("src"));
        Path mnt = Files.createDirectories(work.resolve("mnt"));
        Path www = Files.createDirectories(work.resolve("www/sha256"));
        try (FileBlobStore store = FileBlobStore.open(work.resolve("data"), StoreConfig.withQuota(8L << 30));
             NginxServer nginx = NginxServer.start(work.resolve("www"), work.resolve("nginx"));
             // As a standalone mount does: fetches of known size go through the partial area.
             WebseedFetcher webseed = new WebseedFetcher(store, WebseedConfig.DEFAULTS, InstantSource.system(),
                     new PartialArea(store.dataDir().resolve("partial")))) {
            ResolverBlobSource source = new ResolverBlobSource(store, ResolverChain.standard(store, webseed));
            MountConfig config = MountConfig.of(src, mnt);

            if (sections.contains("warm")) {
                warm(store, source, config, src, mnt);
            }
            if (sections.contains("cold")) {
                cold(store, source, config, src, mnt, www, nginx);
            }
            if (sections.contains("metadata")) {
                System.out.println("== metadata: " + DIRS * STUBS_PER_DIR + " stubs in " + DIRS + " dirs");
                metadata(config, source, manyStubs(src.resolve("many")), mnt.resolve("many"));
            }
        }
    }

    private void warm(BlobStore store, ResolverBlobSource source, MountConfig config, Path src, Path mnt) throws Exception {
        System.out.println("== warm sequential read, 1 GiB stub");
        Stub big = cachedStub(store, src.resolve("big.bin"), BIG_BYTES);
        try (SkinnyMount m = SkinnyMount.mount(config, source)) {
            warmRead(store, big, mnt.resolve("big.bin"));
        }
    }

    private void cold(BlobStore store, ResolverBlobSource source, MountConfig config, Path src, Path mnt, Path www,
                  NginxServer nginx) throws Exception {
        System.out.println("== cold open -> first byte, 1 MiB stubs");
        Files.createDirectories(src.resolve("cold"));
        List<Path> fromCache = new ArrayList<>();
        List<Path> fromWebseed = new ArrayList<>();
        for (int i = 0; i < COLD_SAMPLES; i++) {
            cachedStub(store, src.resolve("cold/cached" + i), SMALL_BYTES);
            fromCache.add(Path.of("cold/cached" + i));
            webseedStub(store, www, nginx, src.resolve("cold/remote" + i));
            fromWebseed.add(Path.of("cold/remote" + i));
        }
        try (SkinnyMount m = SkinnyMount.mount(config, source)) {
            coldOpen(store, mnt, src, fromCache, fromWebseed, nginx);
        }
    }

    private void warmRead(BlobStore store, Stub big, Path file) throws Exception {
        Path cacheFile;
        try (BlobHandle handle = store.open(big.digest()).orElseThrow()) {
            cacheFile = handle.path();
        }
        shell("cat '" + file + "' > /dev/null"); // first pass: fills the page cache of both files
        shell("cat '" + cacheFile + "' > /dev/null");
        for (String tool : List.of("cat %s > /dev/null", "dd if=%s of=/dev/null bs=1M status=none")) {
            Duration[][] times = interleaved(RUNS, tool.formatted("'" + file + "'"), tool.formatted("'" + cacheFile + "'"));
            Duration mount = median(times[0]);
            Duration direct = median(times[1]);
            System.out.printf("%-45s mount %s (%s), cache file %s (%s), ratio %.2fx%n",
                    tool.formatted("FILE"), ms(mount), mbps(BIG_BYTES, mount), ms(direct), mbps(BIG_BYTES, direct),
                    (double) direct.toNanos() / mount.toNanos());
        }
    }

    private void coldOpen(BlobStore store, Path mnt, Path src, List<Path> fromCache, List<Path> fromWebseed,
                          NginxServer nginx) throws Exception {
        Duration[] cached = new Duration[fromCache.size()];
        Duration[] direct = new Duration[fromCache.size()];
        for (int i = 0; i < cached.length; i++) {
            cached[i] = firstByte(mnt.resolve(fromCache.get(i).toString()));
            Stub stub = StubCodec.read(src.resolve(fromCache.get(i).toString()));
            try (BlobHandle handle = store.open(stub.digest()).orElseThrow()) {
                direct[i] = firstByte(handle.path());
            }
        }
        Duration[] remote = new Duration[fromWebseed.size()];
        Duration[] curl = new Duration[fromWebseed.size()];
        for (int i = 0; i < remote.length; i++) {
            remote[i] = firstByte(mnt.resolve(fromWebseed.get(i).toString()));
            Stub stub = StubCodec.read(src.resolve(fromWebseed.get(i).toString()));
            curl[i] = shell("curl -sf -o /dev/null '" + nginx.url("/sha256/" + stub.digest().hex()) + "'");
        }
        System.out.printf("from cache:   median %s (baseline: open + 1 byte of the cache file %s)%n",
                ms(median(cached)), ms(median(direct)));
        System.out.printf("from webseed: median %s (baseline: curl of the same 1 MiB from nginx, whole body, %s), ratio %.2fx%n",
                ms(median(remote)), ms(median(curl)), (double) median(curl).toNanos() / median(remote).toNanos());
    }

    private static Duration firstByte(Path file) throws IOException {
        long start = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file)) {
            if (ch.read(ByteBuffer.allocate(1)) != 1) {
                throw new IOException("no first byte in " + file);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The first listing through a fresh mount (nothing cached by the kernel or the mount), then repeated ones, each
     * paired with one of the source tree; the ratio compares their medians, and the literal second run is shown too
     * (it also pays for the JIT compiling the listing path).
     */
    private void metadata(MountConfig config, ResolverBlobSource source, Path tree, Path mounted) throws Exception {
        for (String tool : List.of("find %s -type f | wc -l", "ls -lR %s > /dev/null")) {
            String mountedTool = tool.formatted("'" + mounted + "'");
            String nativeTool = tool.formatted("'" + tree + "'");
            shell(nativeTool); // the source tree's dentries and inodes in memory
            Duration first;
            Duration[][] repeated;
            try (SkinnyMount m = SkinnyMount.mount(config, source)) {
                first = shell(mountedTool);
                repeated = interleaved(LISTING_RUNS, mountedTool, nativeTool);
            }
            Duration again = median(repeated[0]);
            Duration nativeTime = median(repeated[1]);
            System.out.printf("%-24s mount 1st %s, 2nd %s, median of %d runs after the 1st %s; source tree median %s;"
                            + " ratio %.2fx native (2nd run alone %.2fx)%n",
                    tool.formatted("DIR"), ms(first), ms(repeated[0][0]), LISTING_RUNS, ms(again), ms(nativeTime),
                    (double) again.toNanos() / nativeTime.toNanos(),
                    (double) repeated[0][0].toNanos() / nativeTime.toNanos());
        }
    }

    /** A stub whose blob is already in the cache. */
    private Stub cachedStub(BlobStore store, Path stubFile, long size) throws Exception {
        Path tmp = work.resolve("content.tmp");
        Digest digest = writeRandom(tmp, size);
        BlobInfo info = store.ingest(tmp, BlobStore.Expected.of(digest, size), Origin.LOCAL);
        Files.delete(tmp);
        Stub stub = Stub.of(info.digest(), size, List.of());
        Files.write(stubFile, StubCodec.toBytes(stub));
        return stub;
    }

    /** A stub whose blob only nginx has (a rerun in the same work dir makes the same blobs, fetched last time). */
    private void webseedStub(BlobStore store, Path www, NginxServer nginx, Path stubFile) throws Exception {
        Path tmp = work.resolve("content.tmp");
        Digest digest = writeRandom(tmp, SMALL_BYTES);
        store.remove(digest);
        Files.move(tmp, www.resolve(digest.hex()), StandardCopyOption.REPLACE_EXISTING);
        Files.write(stubFile, StubCodec.toBytes(Stub.of(digest, SMALL_BYTES, List.of(nginx.url("/sha256/" + digest.hex())))));
    }

    private Path manyStubs(Path root) throws IOException, InterruptedException {
        byte[] digestBytes = new byte[Digest.BYTES];
        for (int d = 0; d < DIRS; d++) {
            Path dir = Files.createDirectories(root.resolve(String.format("dir%03d", d)));
            for (int f = 0; f < STUBS_PER_DIR; f++) {
                random.nextBytes(digestBytes);
                Stub stub = Stub.of(Digest.of(digestBytes), random.nextLong(1 << 30), List.of("http://127.0.0.1:9/x"));
                Files.write(dir.resolve(String.format("file%03d.bin", f)), StubCodec.toBytes(stub));
            }
        }
        // The mount keeps no listing taken within 2 s of a directory's change (for coarse timestamps): listed at
        // once, a fresh tree is read from the source again by the next run. A skinny tree is older than that.
        Thread.sleep(TREE_SETTLE);
        return root;
    }

    private Digest writeRandom(Path file, long size) throws Exception {
        return RandomFiles.write(file, size, random::nextBytes);
    }
}
