package io.intinode.bench.store;

import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore.Expected;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ingest throughput of {@link FileBlobStore} against {@code openssl dgst -sha256} on the same file, in
 * the same run, alternating so both see the same machine state. Each ingest goes into an empty store,
 * so it pays for everything: read, hash, write, fsync, rename, index.
 *
 * <p>Usage: {@code IngestBench FILE WORK_DIR [ROUNDS]}; prints the best and median of each and the
 * ratio of ingest to openssl throughput (1.0 = as fast as hashing alone).
 */
public final class IngestBench {
    private static final long OPENSSL_TIMEOUT_SECONDS = 600;

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: IngestBench FILE WORK_DIR [ROUNDS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long size = Files.size(file);
        warmPageCache(file);

        List<Double> openssl = new ArrayList<>();
        List<Double> ingest = new ArrayList<>();
        List<Double> copy = new ArrayList<>();
        String expected = null;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            expected = opensslSha256(file);
            openssl.add(seconds(t0));

            Path data = work.resolve("data-" + i);
            long t1 = System.nanoTime();
            BlobInfo info;
            try (FileBlobStore store = FileBlobStore.openWithoutQuota(data, StoreConfig.DEFAULTS, InstantSource.system())) {
                info = store.ingest(file, Expected.NOTHING, Origin.LOCAL);
            }
            ingest.add(seconds(t1));
            if (!info.digest().hex().equals(expected)) {
                throw new IllegalStateException("digests differ: openssl " + expected + ", store " + info.digest().hex());
            }
            deleteTree(data);

            long t2 = System.nanoTime();
            copyAndSync(file, work.resolve("copy"));
            copy.add(seconds(t2));
        }
        report(size, rounds, openssl, ingest, copy);
    }

    /** The disk's ceiling for any ingest that fsyncs: a kernel copy of the file plus fsync, no hashing. */
    private static void copyAndSync(Path file, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            for (long pos = 0; pos < size; ) {
                pos += in.transferTo(pos, size - pos, out);
            }
            out.force(true);
        }
        Files.delete(target);
    }

    private static void report(long size, int rounds, List<Double> openssl, List<Double> ingest, List<Double> copy) {
        double mib = size / (1024.0 * 1024.0);
        double opensslBest = mib / min(openssl);
        double ingestBest = mib / min(ingest);
        double opensslMedian = mib / median(openssl);
        double ingestMedian = mib / median(ingest);
        System.out.printf(Locale.ROOT, "ingest benchmark: %.0f MiB file, %d rounds, %d cores%n", mib, rounds,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  openssl dgst -sha256  best %7.1f MiB/s   median %7.1f MiB/s%n", opensslBest, opensslMedian);
        System.out.printf(Locale.ROOT, "  store ingest          best %7.1f MiB/s   median %7.1f MiB/s%n", ingestBest, ingestMedian);
        System.out.printf(Locale.ROOT, "  copy + fsync (no hash) best %7.1f MiB/s   median %7.1f MiB/s   (the disk's ceiling)%n",
                mib / min(copy), mib / median(copy));
        System.out.printf(Locale.ROOT, "  ratio ingest/openssl  best %.2f   median %.2f   (target >= 0.80)%n",
                ingestBest / opensslBest, ingestMedian / opensslMedian);
        System.out.printf(Locale.ROOT, "  ratio ingest/(copy + fsync)  median %.2f%n", ingestMedian / (mib / median(copy)));
    }

    private static String opensslSha256(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-r", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        if (!p.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl dgst failed on " + file);
        }
        return out.substring(0, 64);
    }

    private static void warmPageCache(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double min(List<Double> xs) {
        return xs.stream().min(Comparator.naturalOrder()).orElseThrow();
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
