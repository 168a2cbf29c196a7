package io.intinode.node.cli;

import io.intinode.store.Digest;
import io.intinode.transfer.resolve.BlobUnavailableException;
import io.intinode.transfer.resolve.ResolveListener;
import io.intinode.transfer.resolve.ResolveRequest;
import io.intinode.transfer.stub.Stub;
import io.intinode.transfer.stub.StubCodec;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every stub of a skinny tree up front (a malformed one stops hydrate before DST is touched)
 * and resolves the blobs missing from the cache several at a time, so that network round trips and
 * the store's fsyncs overlap. The copy that follows then finds everything in the cache.
 */
final class StubPrefetch {
    /** A stub and the file it was read from (named in errors). */
    record Found(Path file, Stub stub) {}

    private StubPrefetch() {}

    /** Every stub in the tree, in walk order; a malformed one raises an error naming its file. */
    static List<Found> scan(Path tree) throws IOException {
        List<Found> found = new ArrayList<>();
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && StubCodec.isStub(file)) {
                    found.add(new Found(file, StubCodec.read(file)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    /**
     * Resolves the distinct blobs not yet cached, at most {@code jobs} at a time. Skipped when they
     * would not fit the cache quota together (the copy then resolves each as it goes, and nothing is
     * fetched twice). The first failure cancels the rest.
     */
    static void resolveMissing(BlobAccess blobs, List<Found> stubs, int jobs) {
        Map<Digest, Found> missing = new LinkedHashMap<>();
        for (Found f : stubs) {
            if (!missing.containsKey(f.stub().digest()) && !blobs.cached(f.stub().digest())) {
                missing.put(f.stub().digest(), f);
            }
        }
        long bytes = missing.values().stream().mapToLong(f -> f.stub().size()).sum();
        if (jobs <= 1 || missing.size() <= 1 || bytes > blobs.quotaBytes()) {
            return;
        }
        try (TerminalProgress progress = TerminalProgress.bytes("fetch", bytes);
                ExecutorService pool = Executors.newFixedThreadPool(jobs, Thread.ofVirtual().factory())) {
            ResolveListener listener = LocalBlobs.progress(progress);
            List<Future<?>> pending = new ArrayList<>();
            List<Found> order = new ArrayList<>(missing.values());
            for (Found f : order) {
                Stub s = f.stub();
                pending.add(pool.submit(() -> blobs.fetch(
                        new ResolveRequest(s.digest(), s.size(), s.urls(), s.shareable()), listener)));
            }
            for (int i = 0; i < pending.size(); i++) {
                await(pending.get(i), order.get(i).file(), pool);
            }
        }
    }

    private static void await(Future<?> future, Path stubFile, ExecutorService pool) {
        try {
            future.get();
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw failure(stubFile, e.getCause());
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "hydrate interrupted", e);
        }
    }

    /** The error of one stub's resolution, naming the stub file. */
    static RuntimeException failure(Path stubFile, Throwable cause) {
        if (cause instanceof BlobUnavailableException e) {
            return new CliException(ExitCodes.NOT_FOUND, stubFile + ": " + e.getMessage(), e);
        }
        if (cause instanceof CliException e) {
            return new CliException(e.exitCode(), stubFile + ": " + e.getMessage(), e);
        }
        if (cause instanceof RuntimeException e) {
            return e;
        }
        return new CliException(ExitCodes.FAILURE, stubFile + ": " + cause, cause);
    }
}
