package io.intinode.fuse.cli;

import io.intinode.fuse.fs.BlobUnavailableException;
import io.intinode.node.api.ApiClient;
import io.intinode.node.cli.CliException;
import io.intinode.node.cli.ExitCodes;
import io.intinode.store.BlobHandle;
import io.intinode.store.Digest;
import io.intinode.store.file.CommittedBlobs;
import io.intinode.transfer.stub.Stub;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content through the running node, which holds the cache: a blob already committed there is opened read-only
 * straight from the node's data directory; a missing one is asked of the node ({@code HEAD /v1/blobs/<digest>}
 * with the stub's URLs), which resolves it through LAN and DHT peers and then the URLs, verifies it and commits
 * it, and then its committed file is opened. The node's answer is bounded by the fetch deadline. Opens of committed
 * files are told to the node in batches ({@link CacheTouches}), so that they count for its eviction order.
 */
final class NodeBlobSource implements MountSource {
    private static final Logger log = LoggerFactory.getLogger(NodeBlobSource.class);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);
    /** A HEAD answer has no body: once its head is in, nothing more should take long. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);

    private final ApiClient client;
    private final CommittedBlobs cache;
    private final Path dataDir;
    private final Duration fetchTimeout;
    private final CacheTouches touches;
    /** Blobs the node just fetched for us: asking it counted as their access, so their next open does not. */
    private final Set<Digest> fetched = ConcurrentHashMap.newKeySet();

    private NodeBlobSource(ApiClient client, Path dataDir, Duration fetchTimeout) {
        this.client = client;
        this.cache = CommittedBlobs.in(dataDir);
        this.dataDir = dataDir;
        this.fetchTimeout = fetchTimeout;
        this.touches = new CacheTouches(batch -> client.touch(batch, CacheTouches.TIMEOUT), CacheTouches.INTERVAL);
    }

    /** The node serving {@code dataDir}, when one answers its status request; empty when none runs. */
    static Optional<NodeBlobSource> connect(Path dataDir, Duration fetchTimeout) throws InterruptedException {
        try {
            return ApiClient.openIfRunning(dataDir, STATUS_TIMEOUT)
                    .map(client -> new NodeBlobSource(client, dataDir, fetchTimeout));
        } catch (ApiClient.CallFailedException e) {
            throw new CliException(ExitCodes.FAILURE, "the node on " + dataDir + " does not answer: " + e.getMessage()
                    + " (mount with --node none to work without it)", e);
        }
    }

    @Override
    public Optional<BlobHandle> openCached(Digest digest) {
        Optional<BlobHandle> handle = cache.open(digest);
        if (handle.isPresent() && !fetched.remove(digest)) {
            touches.opened(digest);
        }
        return handle;
    }

    @Override
    public void fetch(Stub stub) {
        String path = ApiClient.blobPath(stub.digest(), stub.size(), stub.urls(), stub.shareable());
        try (ApiClient.Answer answer = client.send(HttpMethod.HEAD, path, Map.of(), Optional.empty(), fetchTimeout,
                IDLE_TIMEOUT)) {
            switch (answer.status()) {
                case 200 -> {
                    String length = answer.headers().get(HttpHeaderNames.CONTENT_LENGTH);
                    if (!String.valueOf(stub.size()).equals(length)) {
                        throw new BlobUnavailableException("the node holds " + stub.digest() + " with " + length
                                + " bytes but the stub says " + stub.size());
                    }
                    fetched.add(stub.digest());
                    log.info("{}: {} bytes through the node", stub.digest(), stub.size());
                }
                case 404 -> throw new BlobUnavailableException("no source had " + stub.digest()
                        + " (the node asked LAN and DHT peers, then the stub's " + stub.urls().size() + " URLs)");
                default -> throw new BlobUnavailableException("the node answered HTTP " + answer.status()
                        + " for " + stub.digest());
            }
        } catch (ApiClient.NoNodeException e) {
            throw new BlobUnavailableException("the node on " + dataDir + " is not running anymore", e);
        } catch (ApiClient.CallFailedException e) {
            throw new BlobUnavailableException("through the node: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BlobUnavailableException("through the node: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlobUnavailableException("interrupted while the node fetched " + stub.digest(), e);
        }
    }

    @Override
    public void close() {
        touches.close();
        client.close();
    }
}
