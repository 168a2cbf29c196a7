package io.intinode.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intinode.node.api.ApiClient;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The CLI's way to the running node: one API request, its JSON answer, HTTP errors as exit codes. */
final class NodeClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Added to a lookup's own timeout: the node answers after the lookup ends. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    private NodeClient() {}

    /** The JSON of a 2xx answer; 404 becomes NOT_FOUND, other 4xx BAD_INPUT, the rest FAILURE. */
    static JsonNode call(Path dataDir, HttpMethod method, String path, Duration lookup) {
        ApiClient.Response r;
        try {
            r = ApiClient.call(dataDir, method, path, lookup.plus(SLACK));
        } catch (ApiClient.NoNodeException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "no node is running with data dir " + dataDir
                    + " (start one with: intinode node)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted", e);
        } catch (ApiClient.CallFailedException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.FAILURE, "the node answered " + path + " with something not JSON", e);
        }
        if (r.status() / 100 == 2) {
            return body;
        }
        throw new CliException(exitCode(r.status()), body.path("error").asText("HTTP " + r.status()));
    }

    /** The node serving {@code dataDir}, when one answers its status request; the caller closes the client. */
    static Optional<ApiClient> connect(Path dataDir) {
        try {
            return ApiClient.openIfRunning(dataDir, STATUS_TIMEOUT);
        } catch (ApiClient.CallFailedException e) {
            throw new CliException(ExitCodes.FAILURE, "the node on " + dataDir + " does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted", e);
        }
    }

    /**
     * One request on {@code client}; a 2xx answer is returned open (its body streams), any other becomes a one-line
     * error with its exit code.
     */
    static ApiClient.Answer send(ApiClient client, Path dataDir, HttpMethod method, String path,
            Optional<ApiClient.Upload> upload, Duration head, Duration idle) {
        ApiClient.Answer a;
        try {
            a = client.send(method, path, Map.of(), upload, head, idle);
        } catch (ApiClient.NoNodeException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "the node on " + dataDir + " stopped", e);
        } catch (ApiClient.CallFailedException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted", e);
        }
        if (a.status() / 100 == 2) {
            return a;
        }
        try (a) {
            String message = method == HttpMethod.HEAD ? "HTTP " + a.status() : a.errorMessage();
            throw new CliException(exitCode(a.status()), "the node: " + message);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "the node answered " + a.status() + ": " + e.getMessage(), e);
        }
    }

    /** The exit code for an error answer: 404 NOT_FOUND, 422 VERIFY_FAILED, other 4xx BAD_INPUT, else FAILURE. */
    static int exitCode(int status) {
        return switch (status) {
            case 404 -> ExitCodes.NOT_FOUND;
            case 422 -> ExitCodes.VERIFY_FAILED;
            default -> status / 100 == 4 ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
        };
    }
}
