package io.intinode.transfer.webseed;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content of one URL as one stream: exactly {@code size} bytes, or, when the size is not known
 * ({@code < 0}), as many as the server announces or sends. When a connection breaks or stalls, the
 * stream asks the server for the rest with {@code Range: bytes=<offset>-} and goes on, so the reader
 * (the store, hashing as it writes) sees one continuous stream. Retries follow {@link RetryPolicy};
 * a server that cannot be right (wrong length, 404), an interrupt or the fetcher closing fails the stream at
 * once. Reasons are kept in {@link #failure()} because readers of an InputStream see only an IOException.
 *
 * <p>The server's validator (a strong ETag, else Last-Modified) goes with every Range request as
 * {@code If-Range}, so a server whose content changed answers with all of it. With {@link KeptBytes} (bytes
 * kept on disk from an earlier fetch) the stream starts at their end, and a whole body where a range was asked
 * for (Range ignored, or the content changed) makes it start over from byte 0. Without, the stream is all the
 * reader has seen, and a whole body is read again up to where it was.
 */
final class RangeResumeStream extends BulkInputStream {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    /** A validator longer than this is not sent back (nor noted for a later fetch). */
    static final int MAX_VALIDATOR_CHARS = 512;

    /** Bytes of this URL's content kept by the reader from before, which it extends with what the stream reads. */
    interface KeptBytes {
        /** How many there are: the stream starts there. */
        long position();

        /** The validator the server sent with them, if known. */
        Optional<String> validator();

        /** The server sent its whole content, or other content: the kept bytes are to be forgotten. */
        void restart();

        /** The server sent this validator (first, or a new one after {@link #restart}). */
        void validated(String validator);
    }

    private final HttpClient client;
    private final URI uri;
    private long size;
    private final WebseedConfig config;
    private final RetryPolicy policy;
    private final InstantSource clock;
    private final Instant deadline;
    private final WebseedListener listener;
    private final BooleanSupplier stopped;
    private final KeptBytes kept;

    private StallTimeoutStream body;
    private String validator;
    private long offset;
    private int failuresInARow;
    private int requests;
    private String failure;

    RangeResumeStream(HttpClient client, URI uri, long size, WebseedConfig config, InstantSource clock,
            Instant deadline, WebseedListener listener, BooleanSupplier stopped, KeptBytes kept) {
        this.client = client;
        this.uri = uri;
        this.size = size;
        this.config = config;
        this.policy = new RetryPolicy(config);
        this.clock = clock;
        this.deadline = deadline;
        this.listener = listener;
        this.stopped = stopped;
        this.kept = kept;
        if (kept != null) {
            this.offset = kept.position();
            this.validator = kept.validator().orElse(null);
        }
    }

    /** Without bytes kept from before. */
    RangeResumeStream(HttpClient client, URI uri, long size, WebseedConfig config, InstantSource clock,
            Instant deadline, WebseedListener listener, BooleanSupplier stopped) {
        this(client, uri, size, config, clock, deadline, listener, stopped, null);
    }

    /** Why the stream failed, or null if it did not. */
    String failure() {
        return failure;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
        // Bounded: every pass sends a request or gives up, and RetryPolicy caps requests and time.
        while (true) {
            try {
                if (body == null) {
                    open();
                }
                if (size >= 0 && offset == size) {
                    expectEnd();
                    return -1;
                }
                int n = body.read(b, off, size < 0 ? len : (int) Math.min(len, size - offset));
                if (n > 0) {
                    offset += n;
                    failuresInARow = 0;
                    listener.bytesReceived(uri, n);
                    return n;
                }
                if (size < 0) {
                    return -1; // no length announced: the body's clean end is the end
                }
                throw new IOException("connection closed after " + offset + " of " + size + " bytes");
            } catch (WrongServerException e) {
                throw fail(e.getMessage());
            } catch (InterruptedIOException e) {
                throw fail("interrupted");
            } catch (IOException e) {
                closeBody();
                retryOrFail(e);
            }
        }
    }

    private void open() throws IOException {
        Duration left = Duration.between(clock.instant(), deadline);
        if (!left.isPositive()) {
            throw new WrongServerException("deadline reached after " + offset + " of " + size + " bytes");
        }
        requests++;
        listener.requestStarted(uri, offset);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(min(config.requestTimeout(), left));
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
            if (validator != null) {
                request.header("If-Range", validator);
            }
        }
        StallTimeoutStream stream = new StallTimeoutStream(this::patience);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), info -> stream);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        body = stream;
        int status = response.statusCode();
        switch (status) {
            case 200 -> {
                expectLength(response.headers().firstValueAsLong("Content-Length"), "Content-Length");
                wholeBody(validatorOf(response));
            }
            case 206 -> {
                expectRange(response.headers().firstValue("Content-Range").orElse(""));
                sameContent(validatorOf(response));
            }
            case 416 -> throw new WrongServerException("has fewer than " + (offset + 1) + " bytes"
                    + (size >= 0 ? ", the stub says " + size : "") + " (HTTP 416)");
            case 408, 429 -> throw new IOException("HTTP " + status);
            default -> {
                if (status >= 500 && status <= 599) {
                    throw new IOException("HTTP " + status);
                }
                throw new WrongServerException("HTTP " + status);
            }
        }
    }

    /** A 200: from the start, whatever was asked. */
    private void wholeBody(String served) throws IOException {
        if (offset > 0 && kept != null) {
            kept.restart(); // Range ignored, or If-Range saw other content: the kept bytes are not to be trusted
            offset = 0;
        } else if (offset > 0) {
            if (changed(served)) {
                throw new WrongServerException("the content changed during the fetch (validator " + validator
                        + ", now " + served + ")");
            }
            body.skipNBytes(offset); // the server ignored Range: read again up to where we were
        }
        adopt(served);
    }

    /** A 206 continues what we have only if it is of the same content (a server may ignore If-Range). */
    private void sameContent(String served) throws IOException {
        if (!changed(served)) {
            adopt(served);
            return;
        }
        String reason = "the content changed (validator " + validator + ", now " + served + ")";
        if (kept == null) {
            throw new WrongServerException(reason + " during the fetch");
        }
        kept.restart();
        offset = 0;
        validator = null;
        throw new IOException(reason + ", starting over");
    }

    private boolean changed(String served) {
        return validator != null && served != null && !served.equals(validator);
    }

    private void adopt(String served) {
        if (served != null && !served.equals(validator)) {
            validator = served;
            if (kept != null) {
                kept.validated(served);
            }
        }
    }

    /** A strong ETag, else Last-Modified, if short enough to send back; weak ETags cannot go in If-Range. */
    static String validatorOf(HttpResponse<?> response) {
        Optional<String> etag = response.headers().firstValue("ETag").filter(e -> !e.startsWith("W/"));
        return etag.or(() -> response.headers().firstValue("Last-Modified"))
                .filter(v -> !v.isEmpty() && v.length() <= MAX_VALIDATOR_CHARS)
                .orElse(null);
    }

    private void expectRange(String contentRange) {
        Matcher m = CONTENT_RANGE.matcher(contentRange);
        if (!m.matches()) {
            throw new WrongServerException("answered 206 with a bad Content-Range: '" + contentRange + "'");
        }
        long first = Long.parseLong(m.group(1));
        if (first != offset) {
            throw new WrongServerException("answered bytes from " + first + " when asked from " + offset);
        }
        if (!m.group(3).equals("*")) {
            expectLength(OptionalLong.of(Long.parseLong(m.group(3))), "Content-Range total");
        }
        if (size >= 0) {
            expectLength(OptionalLong.of(Long.parseLong(m.group(2)) + 1), "Content-Range end");
        }
    }

    /** Checks a length the server announced against the stub's, or adopts it if there is none. */
    private void expectLength(OptionalLong served, String header) {
        if (served.isPresent() && size < 0) {
            size = served.getAsLong();
        } else if (served.isPresent() && served.getAsLong() != size) {
            throw new WrongServerException("serves " + served.getAsLong() + " bytes (" + header
                    + "), the stub says " + size);
        }
    }

    /** After the last expected byte the body must end. */
    private void expectEnd() throws IOException {
        int extra;
        try {
            extra = body.read();
        } catch (IOException e) {
            return; // every expected byte arrived; the store's hash decides whether they are right
        }
        if (extra != -1) {
            throw new WrongServerException("sent more than the " + size + " bytes the stub says");
        }
    }

    private void retryOrFail(IOException e) throws IOException {
        failuresInARow++;
        String reason = describe(e);
        if (stopped.getAsBoolean()) {
            throw fail(reason + "; " + WebseedFetcher.STOPPED);
        }
        switch (policy.afterFailure(failuresInARow, requests, clock.instant(), deadline)) {
            case RetryPolicy.Decision.Retry retry -> pause(retry.delay(), reason);
            case RetryPolicy.Decision.GiveUp giveUp -> throw fail(reason + "; " + giveUp.reason());
        }
    }

    private void pause(Duration delay, String reason) throws IOException {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw fail(reason + "; interrupted");
        }
    }

    private Duration patience() {
        return min(config.requestTimeout(), Duration.between(clock.instant(), deadline));
    }

    private IOException fail(String reason) {
        closeBody();
        failure = reason;
        return new IOException(uri + ": " + reason);
    }

    private void closeBody() {
        if (body != null) {
            body.close();
            body = null;
        }
    }

    @Override
    public void close() {
        closeBody();
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "cannot connect" + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The server answered in a way no retry can fix. */
    private static final class WrongServerException extends RuntimeException {
        WrongServerException(String message) {
            super(message, null, false, false);
        }
    }
}
