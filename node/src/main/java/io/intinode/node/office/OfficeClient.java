package io.intinode.node.office;

import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multistream.NegotiatedStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks one peer what it announces to the LAN; the whole exchange is bounded by a timeout. */
public final class OfficeClient {
    private final Host host;
    private final Duration timeout;

    public OfficeClient(Host host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    /**
     * @param peer the peer's address ending in {@code /p2p/<id>}
     * @throws OfficeProtocolException when the peer cannot be asked or answers malformed bytes
     */
    public OfficeAnswer ask(Multiaddr peer) throws InterruptedException {
        NegotiatedStream stream;
        try {
            stream = host.newStream(peer, List.of(OfficeProtocol.PROTOCOL_ID))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new OfficeProtocolException("cannot ask " + peer + ": " + e);
        }
        // One deadline for the whole answer: a peer dripping bytes cannot stretch it read by read.
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS).thenRun(stream::reset);
        try (MuxedStreamInputStream in = new MuxedStreamInputStream(stream, OfficeCodec.MAX_BYTES + 1L, timeout)) {
            stream.closeWrite();
            byte[] body = in.readNBytes(OfficeCodec.MAX_BYTES + 1);
            return OfficeCodec.decode(body);
        } catch (IOException e) {
            stream.reset();
            throw new OfficeProtocolException("asking " + peer + ": " + e.getMessage());
        } catch (OfficeProtocolException e) {
            stream.reset();
            throw e;
        } finally {
            done.cancel(false);
        }
    }
}
