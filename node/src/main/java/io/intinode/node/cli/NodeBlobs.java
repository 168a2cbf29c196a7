package io.intinode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intinode.node.api.ApiClient;
import io.intinode.store.BlobMismatchException;
import io.intinode.store.Digest;
import io.intinode.store.file.Sha256;
import io.intinode.transfer.resolve.ResolveListener;
import io.intinode.transfer.resolve.ResolveRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Through the running node's API: the node resolves what is missing (cache, LAN and DHT peers, webseeds) into
 * the cache it holds, streams blobs back, and ingests what is added. What it sends back is verified by the
 * caller ({@link VerifiedCopy}); what is added is hashed here too and must match the node's answer.
 */
final class NodeBlobs implements BlobAccess {
    /** Longest the node may take to find and fetch a blob before its answer starts. */
    static final Duration FETCH_TIMEOUT = Duration.ofMinutes(30);
    /** Longest gap between bytes of a body either way, and the wait for the answer to an upload. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient client;
    private final Path dataDir;

    private NodeBlobs(ApiClient client, Path dataDir) {
        this.client = client;
        this.dataDir = dataDir;
    }

    /** The node serving {@code dataDir}, when one answers its status request. */
    static Optional<NodeBlobs> connect(Path dataDir) {
        return NodeClient.connect(dataDir).map(client -> new NodeBlobs(client, dataDir));
    }

    @Override
    public Added add(Path file, LongConsumer progress) {
        MessageDigest sha256 = Sha256.newDigest();
        long size;
        JsonNode answer;
        try (InputStream in = new DigestInputStream(counting(Files.newInputStream(file), progress), sha256)) {
            size = Files.size(file);
            answer = json(send(HttpMethod.POST, "/v1/blobs", Optional.of(new ApiClient.Upload(in, size)),
                    IDLE_TIMEOUT));
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot add " + file + ": " + e.getMessage(), e);
        }
        Digest sent = Digest.of(sha256.digest());
        Added added = new Added(Digest.parse(answer.path("digest").asText()), answer.path("size").asLong());
        if (!added.digest().equals(sent) || added.size() != size) {
            throw new BlobMismatchException("blob the node stored for " + file, sent + " (" + size + " bytes)",
                    added.digest() + " (" + added.size() + " bytes)");
        }
        return added;
    }

    @Override
    public boolean cached(Digest digest) {
        return false; // asking would make the node fetch it; prefetching asks anyway
    }

    @Override
    public long quotaBytes() {
        return Long.MAX_VALUE; // the node applies its own
    }

    @Override
    public void fetch(ResolveRequest request, ResolveListener progress) {
        try (ApiClient.Answer a = send(HttpMethod.HEAD, blobPath(request), Optional.empty(), FETCH_TIMEOUT)) {
            a.body().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream read(ResolveRequest request, LongConsumer progress) {
        ApiClient.Answer a = send(HttpMethod.GET, blobPath(request), Optional.empty(), FETCH_TIMEOUT);
        return counting(a.body(), progress);
    }

    @Override
    public String what() {
        return "blob from the node";
    }

    private static String blobPath(ResolveRequest request) {
        return ApiClient.blobPath(request.digest(), request.size(), request.urls(), request.shareable());
    }

    private ApiClient.Answer send(HttpMethod method, String path, Optional<ApiClient.Upload> upload, Duration head) {
        return NodeClient.send(client, dataDir, method, path, upload, head, IDLE_TIMEOUT);
    }

    private static JsonNode json(ApiClient.Answer answer) throws IOException {
        try (answer) {
            return JSON.readTree(answer.body().readNBytes(64 * 1024));
        }
    }

    /** Tells {@code progress} how many bytes pass. */
    private static InputStream counting(InputStream in, LongConsumer progress) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.accept(n);
                }
                return n;
            }
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
