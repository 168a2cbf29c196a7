package io.intinode.bench.transfer;

import io.intinode.bench.RandomFiles;
import io.intinode.node.daemon.P2pNode;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.store.BlobInfo;
import io.intinode.store.BlobStore.Expected;
import io.intinode.store.Digest;
import io.intinode.store.Origin;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import io.intinode.transfer.blob.BlobServer;
import io.intinode.transfer.blob.PeerChunkSource;
import io.intinode.transfer.blob.UploadConfig;
import io.intinode.transfer.download.BanList;
import io.intinode.transfer.download.ChunkSource;
import io.intinode.transfer.download.DownloadConfig;
import io.intinode.transfer.download.Downloader;
import io.intinode.transfer.webseed.NginxServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One blob from peer(s) to a downloader through the whole stack, against an HTTP download measured in the
 * same run. Ours: in-process hosts built as the node builds them (TCP + Noise + yamux on loopback), each
 * provider a {@link BlobServer} over its own {@link FileBlobStore}; the downloader a {@link Downloader}
 * over {@link PeerChunkSource}s that verifies every chunk, then the whole blob, and commits it to its
 * own store (fsynced). Baseline: {@code curl} from a real nginx on 127.0.0.1, piped through
 * {@code tee FILE} into {@code openssl dgst -sha256}, then {@code sync FILE} (the store fsyncs too).
 * Rounds alternate baseline, one provider, four providers, so all see the same machine state.
 *
 * <p>Usage: {@code TransferBench WORK_DIR [MiB (1024)] [ROUNDS (3)] [PROVIDERS for the many-to-one case (4)]}.
 * Rates are MB/s (10^6 bytes per second), best and median of the rounds.
 */
public final class TransferBench {
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    private static final long SHELL_TIMEOUT_SECONDS = 600;
    /** The bench measures transfer, not the upload caps: every chunk request gets a slot at once. */
    private static final UploadConfig UNLIMITED = new UploadConfig(256, 256, 0, 4L << 20, Duration.ofMinutes(1));

    private final Path work;
    private final long size;

    private TransferBench(Path work, long size) {
        this.work = work;
        this.size = size;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TransferBench WORK_DIR [MiB] [ROUNDS] [PROVIDERS]");
            System.exit(2);
        }
        Path work = Path.of(args[0]);
        long size = (args.length > 1 ? Long.parseLong(args[1]) : 1024) << 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int providers = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        new TransferBench(work, size).run(rounds, providers);
    }

    private void run(int rounds, int providerCount) throws Exception {
        Path www = Files.createDirectories(work.resolve("www"));
        Path blobFile = www.resolve("blob");
        Digest digest = writeRandom(blobFile);
        System.out.printf(Locale.ROOT, "transfer bench: %d MiB blob %s, %d rounds, %d cores, load %s%n", size >> 20,
                digest, rounds, Runtime.getRuntime().availableProcessors(), loadAverage());

        SecureRandom random = new SecureRandom();
        List<Provider> providers = new ArrayList<>();
        try (NginxServer nginx = NginxServer.start(www, work.resolve("nginx"));
                FileBlobStore mine = store("downloader");
                P2pNode me = node(random)) {
            for (int i = 0; i < providerCount; i++) {
                providers.add(Provider.start(store("provider-" + i), node(random), blobFile, digest));
            }
            Downloader downloader = new Downloader(mine, work.resolve("partial"), DownloadConfig.DEFAULTS,
                    new BanList(), InstantSource.system());
            List<ChunkSource> sources = providers.stream()
                    .<ChunkSource>map(p -> new PeerChunkSource(me.host(), p.address(), CALL_TIMEOUT))
                    .toList();
            String url = nginx.url("/blob");
            Run baseline = () -> curlPipeline(url, digest);
            Run one = () -> download(downloader, mine, digest, sources.subList(0, 1));
            Run many = () -> download(downloader, mine, digest, sources);

            System.out.println("warm-up (not counted)...");
            baseline.cpuSeconds();
            one.cpuSeconds();
            many.cpuSeconds();
            List<Result> curl = new ArrayList<>();
            List<Result> single = new ArrayList<>();
            List<Result> multi = new ArrayList<>();
            for (int i = 1; i <= rounds; i++) {
                curl.add(measure(baseline));
                single.add(measure(one));
                multi.add(measure(many));
                System.out.printf(Locale.ROOT, "  round %d: curl|tee|openssl %s   1->1 %s   %d->1 %s%n",
                        i, curl.getLast(), single.getLast(), providerCount, multi.getLast());
            }
            report(providerCount, curl, single, multi);
        } finally {
            providers.forEach(Provider::close);
        }
    }

    private record Provider(FileBlobStore store, P2pNode node, Multiaddr address) implements AutoCloseable {
        static Provider start(FileBlobStore store, P2pNode node, Path blobFile, Digest digest) {
            store.ingest(blobFile, Expected.of(digest, Expected.UNKNOWN_SIZE), Origin.LOCAL);
            new BlobServer(store, (blob, peer) -> blob.equals(digest), UNLIMITED, System::nanoTime)
                    .install(node.host());
            return new Provider(store, node, node.host().listenAddrs().getFirst().withPeerId(node.host().peerId()));
        }

        @Override
        public void close() {
            node.close();
            store.close();
        }
    }

    private FileBlobStore store(String name) {
        return FileBlobStore.openWithoutQuota(work.resolve(name), StoreConfig.DEFAULTS, InstantSource.system());
    }

    private static P2pNode node(SecureRandom random) {
        P2pNode node = P2pNode.create(Identity.generate(random),
                HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));
        node.host().start();
        return node;
    }

    /** One run of a contender; returns the CPU time it took (of all its processes that can be counted). */
    private interface Run {
        double cpuSeconds();
    }

    private record Result(double megabytesPerSecond, double cpuSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%6.1f MB/s (%5.2f CPU s)", megabytesPerSecond, cpuSeconds);
        }
    }

    /**
     * Downloads into an empty store: the blob is removed after each run, so every run pays for everything.
     * Its CPU time is this whole process's, providers included (they encrypt; nginx's sendfile is not counted).
     */
    private double download(Downloader downloader, FileBlobStore store, Digest digest, List<ChunkSource> sources) {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        AtomicLong lastChunk = new AtomicLong(start);
        BlobInfo info = downloader.download(digest, size, sources, Origin.LAN_PEER,
                (source, bytes) -> lastChunk.set(System.nanoTime()));
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "    %d source(s): chunks %.2f s, then commit %.2f s%n", sources.size(),
                (lastChunk.get() - start) / 1e9, (end - lastChunk.get()) / 1e9);
        if (!info.digest().equals(digest) || info.size() != size) {
            throw new IllegalStateException("downloaded " + info + ", wanted " + digest + " of " + size + " bytes");
        }
        if (!store.remove(digest)) {
            throw new IllegalStateException("could not remove " + digest + " after the run");
        }
        return (processCpuNanos() - cpu) / 1e9;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Returns the CPU time of curl, tee, openssl and sync (bash's {@code times} for its children). */
    private double curlPipeline(String url, Digest digest) {
        Path out = work.resolve("curl.out");
        String command = "set -o pipefail; curl -sf '" + url + "' | tee '" + out + "' | openssl dgst -sha256 -r"
                + " && sync '" + out + "' && times";
        String[] printed = shell(command).split("\n");
        try {
            Files.delete(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + out, e);
        }
        if (printed.length != 3 || !printed[0].startsWith(digest.hex())) {
            throw new IllegalStateException("curl pipeline printed " + String.join("\n", printed) + ", wanted "
                    + digest.hex() + " and two lines of times");
        }
        return Arrays.stream(printed[2].trim().split("\\s+")).mapToDouble(TransferBench::shellSeconds).sum();
    }

    /** bash's {@code times} format: {@code 1m2.345s}. */
    private static double shellSeconds(String time) {
        int m = time.indexOf('m');
        return Integer.parseInt(time.substring(0, m)) * 60 + Double.parseDouble(time.substring(m + 1, time.length() - 1));
    }

    private static String shell(String command) {
        try {
            Process p = new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            if (!p.waitFor(SHELL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + command);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private Digest writeRandom(Path file) throws Exception {
        Random random = new Random(42); // content only has to be incompressible, not secret
        return RandomFiles.write(file, size, random::nextBytes);
    }

    private Result measure(Run run) {
        long start = System.nanoTime();
        double cpu = run.cpuSeconds();
        return new Result(size / 1e6 / ((System.nanoTime() - start) / 1e9), cpu);
    }

    private void report(int providerCount, List<Result> curl, List<Result> single, List<Result> multi) {
        System.out.println("MB/s = 10^6 bytes per second of wall time; CPU = median CPU seconds per run");
        line("curl | tee | openssl + sync", curl, curl);
        line("intinode 1 provider -> 1", single, curl);
        line("intinode " + providerCount + " providers -> 1", multi, curl);
        System.out.println("(target: ratio >= 1.0 against the curl pipeline)");
    }

    private static void line(String name, List<Result> results, List<Result> baseline) {
        List<Double> rates = results.stream().map(Result::megabytesPerSecond).toList();
        List<Double> base = baseline.stream().map(Result::megabytesPerSecond).toList();
        System.out.printf(Locale.ROOT, "%-34s best %7.1f   median %7.1f MB/s   CPU %5.2f s", name, max(rates),
                median(rates), median(results.stream().map(Result::cpuSeconds).toList()));
        System.out.printf(Locale.ROOT, results == baseline ? "%n" : "   ratio best %.2f median %.2f%n",
                max(rates) / max(base), median(rates) / median(base));
    }

    private static double max(List<Double> xs) {
        return xs.stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
