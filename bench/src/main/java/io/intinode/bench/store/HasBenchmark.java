package io.intinode.bench.store;

import io.intinode.store.Digest;
import io.intinode.store.StoreConfig;
import io.intinode.store.file.FileBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code has()} lookups per second on a store of {@code blobs} blobs, half of the lookups hits and half
 * misses; the baseline is the naive alternative, {@code Files.exists} on the blob's path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HasBenchmark {
    private static final int LOOKUPS = 1 << 16;

    @Param("50000")
    int blobs;

    private Path dir;
    private FileBlobStore store;
    private Digest[] lookups;
    private Path[] paths;
    private int next;

    @Setup(Level.Trial)
    public void fill() throws IOException, NoSuchAlgorithmException {
        dir = Files.createTempDirectory("intinode-has-bench");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Digest[] present = new Digest[blobs];
        // Blob files written straight into the documented layout (without fsync, for setup speed);
        // opening the store indexes them as it would after a lost index.
        for (int i = 0; i < blobs; i++) {
            byte[] content = ("blob " + i).getBytes();
            present[i] = Digest.of(sha.digest(content));
            Path p = blobPath(dir, present[i]);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        }
        store = FileBlobStore.openWithoutQuota(dir, StoreConfig.DEFAULTS, InstantSource.system());
        SplittableRandom random = new SplittableRandom(42);
        lookups = new Digest[LOOKUPS];
        paths = new Path[LOOKUPS];
        for (int i = 0; i < LOOKUPS; i++) {
            lookups[i] = random.nextBoolean()
                    ? present[random.nextInt(blobs)]
                    : Digest.of(sha.digest(("absent " + i).getBytes()));
            paths[i] = blobPath(dir, lookups[i]);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public boolean storeHas() {
        return store.has(lookups[next++ & (LOOKUPS - 1)]);
    }

    @Benchmark
    public boolean filesExistsBaseline() {
        return Files.exists(paths[next++ & (LOOKUPS - 1)]);
    }

    private static Path blobPath(Path root, Digest d) {
        return root.resolve("blobs/sha256").resolve(d.hex().substring(0, 2)).resolve(d.hex());
    }
}
