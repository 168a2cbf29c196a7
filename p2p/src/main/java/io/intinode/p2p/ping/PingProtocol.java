package io.intinode.p2p.ping;

import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.upgrade.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code /ipfs/ping/1.0.0}: the dialler sends 32 random bytes, the listener echoes them, repeatedly on one
 * stream. Answering is mandatory: js-libp2p drops connections whose ping fails.
 */
public final class PingProtocol {
    public static final String PROTOCOL_ID = "/ipfs/ping/1.0.0";
    public static final int PING_BYTES = 32;
    /** A peer that stops pinging for this long has its ping stream closed. */
    static final Duration SERVE_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Bounds one stream's work; js-libp2p opens a new stream per ping anyway. */
    static final int MAX_PINGS_PER_STREAM = 10_000;

    private PingProtocol() {}

    public static void install(Host host) {
        host.setHandler(PROTOCOL_ID, PingProtocol::serve);
    }

    static void serve(Connection connection, NegotiatedStream stream) throws IOException {
        InputStream in = new MuxedStreamInputStream(stream, 4 * PING_BYTES, SERVE_READ_TIMEOUT);
        try (OutputStream out = new MuxedStreamOutputStream(stream)) {
            byte[] buf = new byte[PING_BYTES];
            for (int i = 0; i < MAX_PINGS_PER_STREAM; i++) {
                if (in.readNBytes(buf, 0, PING_BYTES) < PING_BYTES) {
                    break; // the dialler closed its side: done
                }
                out.write(buf);
                out.flush();
            }
        } finally {
            in.close();
        }
    }

    /** Pings the peer at {@code addr} {@code count} times on one stream and returns the round-trip times. */
    public static List<Duration> ping(Host host, Multiaddr addr, int count, Duration timeout) {
        NegotiatedStream stream = await(host.newStream(addr, List.of(PROTOCOL_ID)), timeout);
        List<Duration> rtts = new ArrayList<>(count);
        MuxedStreamInputStream in = new MuxedStreamInputStream(stream, 4 * PING_BYTES, timeout);
        try (OutputStream out = new MuxedStreamOutputStream(stream)) {
            SecureRandom random = new SecureRandom();
            byte[] sent = new byte[PING_BYTES];
            byte[] got = new byte[PING_BYTES];
            for (int i = 0; i < count; i++) {
                random.nextBytes(sent);
                long start = System.nanoTime();
                out.write(sent);
                out.flush();
                if (in.readNBytes(got, 0, PING_BYTES) < PING_BYTES) {
                    throw new PingException("peer closed the ping stream");
                }
                if (!Arrays.equals(sent, got)) {
                    throw new PingException("peer answered the ping with different bytes");
                }
                rtts.add(Duration.ofNanos(System.nanoTime() - start));
            }
        } catch (EOFException e) {
            throw new PingException("peer closed the ping stream");
        } catch (java.net.SocketTimeoutException e) {
            stream.reset();
            throw new PingException("ping timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            stream.reset();
            throw new PingException("ping failed: " + e.getMessage(), e);
        } finally {
            in.close();
        }
        return rtts;
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> f, Duration timeout) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(false);
            throw new PingException("timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PingException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw new PingException(cause.getMessage() != null ? cause.getMessage() : cause.toString(), cause);
        }
    }
}
