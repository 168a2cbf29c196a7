package io.intinode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intinode.node.api.ApiClient;
import io.intinode.node.api.CacheMaintenance;
import io.intinode.node.api.NodeApi;
import io.intinode.store.Digest;
import io.intinode.store.file.ReconcileReport;
import io.netty.handler.codec.http.HttpMethod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The cache of this invocation's data dir for the {@code cache} commands: through the running node, which holds
 * the cache's lock (with {@code --node auto}), else opened here. Both answer with the API's records.
 */
sealed interface CacheAccess extends AutoCloseable permits CacheAccess.Local, CacheAccess.ThroughNode {

    static CacheAccess open(StoreOptions store, NodeMode mode) {
        if (mode == NodeMode.auto) {
            Optional<ApiClient> node = NodeClient.connect(store.dataDir());
            if (node.isPresent()) {
                return new ThroughNode(node.get(), store);
            }
        }
        return new Local(new CacheMaintenance(store.open()));
    }

    NodeApi.CacheListing listing();

    /** @throws io.intinode.store.BlobNotFoundException or a NOT_FOUND CliException when it is not cached */
    void pin(Digest digest, boolean pinned);

    /** Evicts down to {@code quota}, else the cache's own quota. */
    NodeApi.GcReport gc(OptionalLong quota);

    /** Rebuilds the index from the blob files. */
    ReconcileReport rebuildIndex();

    NodeApi.VerifyResult verify();

    @Override
    void close();

    /** The cache opened by this process (no node runs, or {@code --node none}). */
    record Local(CacheMaintenance cache) implements CacheAccess {
        @Override
        public NodeApi.CacheListing listing() {
            return cache.listing();
        }

        @Override
        public void pin(Digest digest, boolean pinned) {
            cache.pin(digest, pinned);
        }

        @Override
        public NodeApi.GcReport gc(OptionalLong quota) {
            return cache.gc(quota);
        }

        @Override
        public ReconcileReport rebuildIndex() {
            return cache.store().rebuildIndex();
        }

        @Override
        public NodeApi.VerifyResult verify() {
            try (TerminalProgress progress = TerminalProgress.bytes("verify", cache.store().usedBytes())) {
                return cache.verify(progress);
            }
        }

        @Override
        public void close() {
            cache.store().close();
        }
    }

    /** The cache the running node holds, through its API. */
    final class ThroughNode implements CacheAccess {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Duration QUICK = Duration.ofSeconds(30);
        /** Longest silence while the node verifies: it reports progress every 250 ms, unless one read hangs. */
        private static final Duration PROGRESS_IDLE = Duration.ofMinutes(5);

        private final ApiClient client;
        private final StoreOptions store;

        ThroughNode(ApiClient client, StoreOptions store) {
            this.client = client;
            this.store = store;
        }

        @Override
        public NodeApi.CacheListing listing() {
            return call(HttpMethod.GET, "/v1/cache", QUICK, NodeApi.CacheListing.class);
        }

        @Override
        public void pin(Digest digest, boolean pinned) {
            call(HttpMethod.POST, "/v1/cache/" + (pinned ? "pin/" : "unpin/") + digest, QUICK, Object.class);
        }

        @Override
        public NodeApi.GcReport gc(OptionalLong quota) {
            String query = quota.isPresent() ? "?quota=" + quota.getAsLong() : "";
            return call(HttpMethod.POST, "/v1/cache/gc" + query, QUICK, NodeApi.GcReport.class);
        }

        @Override
        public ReconcileReport rebuildIndex() {
            throw new CliException(ExitCodes.BAD_INPUT, "rebuilding the index needs the cache to itself: stop the"
                    + " node on " + store.dataDir() + " first");
        }

        /** The node hashes; its NDJSON progress lines drive the same bar as a local verify. */
        @Override
        public NodeApi.VerifyResult verify() {
            String path = "/v1/cache/verify?progress=true";
            TerminalProgress bar = null;
            try (ApiClient.Answer a = NodeClient.send(client, store.dataDir(), HttpMethod.POST, path, Optional.empty(),
                    QUICK, PROGRESS_IDLE); BufferedReader lines = new BufferedReader(new InputStreamReader(a.body(),
                    StandardCharsets.UTF_8))) {
                long shown = 0;
                for (String line; (line = lines.readLine()) != null; ) {
                    JsonNode message = JSON.readTree(line);
                    if (message.has("progress")) {
                        JsonNode progress = message.get("progress");
                        if (bar == null) {
                            bar = TerminalProgress.bytes("verify", progress.path("totalBytes").asLong());
                        }
                        bar.accept(progress.path("hashedBytes").asLong() - shown);
                        shown = progress.path("hashedBytes").asLong();
                    } else if (message.has("result")) {
                        return JSON.treeToValue(message.get("result"), NodeApi.VerifyResult.class);
                    } else {
                        throw new CliException(ExitCodes.FAILURE, "the node: " + message.path("error").asText(line));
                    }
                }
                throw new CliException(ExitCodes.FAILURE, "the node stopped answering " + path + " before it ended");
            } catch (IOException e) {
                throw new CliException(ExitCodes.FAILURE, "the node's answer to " + path + " is unreadable: "
                        + e.getMessage(), e);
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
        }

        /** The JSON answer, read as it streams in (a listing of a large cache can run to many megabytes). */
        private <T> T call(HttpMethod method, String path, Duration head, Class<T> type) {
            try (ApiClient.Answer a = NodeClient.send(client, store.dataDir(), method, path, Optional.empty(), head,
                    QUICK); InputStream body = a.body()) {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new CliException(ExitCodes.FAILURE, "the node's answer to " + path + " is unreadable: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
