package io.intinode.transfer.blob;

import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.store.ChunkList;
import io.intinode.store.Digest;
import io.intinode.transfer.blob.BlobMessage.Absent;
import io.intinode.transfer.blob.BlobMessage.Chunks;
import io.intinode.transfer.blob.BlobMessage.Data;
import io.intinode.transfer.blob.BlobMessage.GetChunks;
import io.intinode.transfer.blob.BlobMessage.GetRange;
import io.intinode.transfer.download.ChunkSource;
import io.intinode.transfer.download.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One peer as a {@link ChunkSource}: each call opens a stream to it through the host, asks, reads the
 * answer and closes the stream. A call that takes longer than {@code timeout} in all (dial, negotiation
 * and transfer) has its stream reset and fails.
 */
public final class PeerChunkSource implements ChunkSource {
    private final Host host;
    private final Multiaddr peer;
    private final Duration timeout;

    /** @param peer the peer's address, ending in {@code /p2p/<id>} so the dial checks who answers */
    public PeerChunkSource(Host host, Multiaddr peer, Duration timeout) {
        if (peer.peerId().isEmpty()) {
            throw new IllegalArgumentException("the peer's address must end in /p2p/<id>: " + peer);
        }
        this.host = host;
        this.peer = peer;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return peer.peerId().orElseThrow().toString();
    }

    @Override
    public ChunkList chunkList(Digest blob) {
        return call(blob, (in, out) -> {
            out.write(BlobCodec.encode(new GetChunks(blob)));
            out.close();
            return switch (response(in)) {
                case Chunks(ChunkList list) when list.blob().equals(blob) -> list;
                case Chunks(ChunkList list) -> throw new SourceException(name() + " sent the chunk list of "
                        + list.blob() + " for " + blob, false);
                case Absent a -> throw absent(blob);
                case BlobMessage other -> throw unexpected(other);
            };
        });
    }

    @Override
    public byte[] read(Digest blob, long offset, int length) {
        byte[] bytes = new byte[Math.max(0, length)];
        read(blob, offset, length, bytes);
        return bytes;
    }

    /** Fills {@code into} straight from the stream; returns {@code length} or throws. */
    @Override
    public int read(Digest blob, long offset, int length, byte[] into) {
        if (offset < 0 || length < 0 || length > into.length) {
            throw new IllegalArgumentException("bad range: " + length + " bytes at " + offset + " into "
                    + into.length);
        }
        return call(blob, (in, out) -> {
            // Ask for every piece at once: the answers stream back without a round trip between them.
            for (int done = 0; done < length; done += BlobProtocol.MAX_RANGE_BYTES) {
                out.write(BlobCodec.encode(new GetRange(blob, offset + done,
                        Math.min(BlobProtocol.MAX_RANGE_BYTES, length - done))));
            }
            out.close();
            for (int done = 0; done < length; ) {
                int want = Math.min(BlobProtocol.MAX_RANGE_BYTES, length - done);
                switch (response(in)) {
                    case Data(int n) when n == want -> {
                        if (in.readNBytes(into, done, n) < n) {
                            throw new SourceException(name() + " ended the data of " + blob + " early", false);
                        }
                        done += n;
                    }
                    case Absent a -> throw absent(blob);
                    case BlobMessage other -> throw unexpected(other);
                }
            }
            return length;
        });
    }

    private interface Exchange<T> {
        T run(InputStream in, OutputStream out) throws IOException;
    }

    private <T> T call(Digest blob, Exchange<T> exchange) {
        long deadline = System.nanoTime() + timeout.toNanos();
        NegotiatedStream stream = open();
        // One deadline for the whole call: a peer dripping bytes cannot stretch it read by read.
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.completeOnTimeout(null, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                .thenRun(stream::reset);
        MuxedStreamInputStream in = new MuxedStreamInputStream(stream, 2L * BlobProtocol.MAX_RANGE_BYTES, timeout);
        try (in) {
            return exchange.run(in, new MuxedStreamOutputStream(stream));
        } catch (BlobProtocolException e) {
            stream.reset();
            throw new SourceException(name() + " broke the blob protocol: " + e.getMessage(), false, e);
        } catch (IOException e) {
            stream.reset();
            String why = System.nanoTime() >= deadline ? "timed out after " + timeout.toMillis() + " ms" : e.getMessage();
            throw new SourceException("asking " + name() + " for " + blob + ": " + why, false, e);
        } catch (SourceException e) {
            stream.reset();
            throw e;
        } finally {
            done.cancel(false);
        }
    }

    private NegotiatedStream open() {
        CompletableFuture<NegotiatedStream> f = host.newStream(peer, List.of(BlobProtocol.PROTOCOL_ID));
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new SourceException("opening a blob stream to " + name() + " timed out", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted opening a blob stream to " + name(), false, e);
        } catch (ExecutionException e) {
            throw new SourceException("cannot open a blob stream to " + name() + ": " + e.getCause().getMessage(),
                    false, e.getCause());
        }
    }

    private BlobMessage response(InputStream in) throws IOException {
        return BlobCodec.read(in, BlobProtocol.MAX_RESPONSE_FRAME_BYTES)
                .orElseThrow(() -> new SourceException(name() + " closed the stream without an answer", false));
    }

    private SourceException absent(Digest blob) {
        return new SourceException(name() + " does not have " + blob, true);
    }

    private SourceException unexpected(BlobMessage m) {
        return new SourceException(name() + " answered with an unexpected " + m.getClass().getSimpleName(), false);
    }
}
