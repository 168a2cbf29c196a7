package io.intinode.transfer.blob;

import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.upgrade.Connection;
import io.intinode.store.BlobHandle;
import io.intinode.store.BlobStore;
import io.intinode.store.ChunkList;
import io.intinode.transfer.blob.BlobMessage.Absent;
import io.intinode.transfer.blob.BlobMessage.Chunks;
import io.intinode.transfer.blob.BlobMessage.Data;
import io.intinode.transfer.blob.BlobMessage.GetChunks;
import io.intinode.transfer.blob.BlobMessage.GetRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /intinode/blob/1.0.0} from a {@link BlobStore}, only what the {@link ServePolicy}
 * allows. Requests are answered one after another on each stream, at most
 * {@link BlobProtocol#MAX_REQUESTS_PER_STREAM}; a peer that breaks the protocol has its stream reset.
 */
public final class BlobServer {
    private static final Logger log = LoggerFactory.getLogger(BlobServer.class);
    /** A peer that sends no request for this long has its stream closed. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] ABSENT = BlobCodec.encode(new Absent());

    private final BlobStore store;
    private final ServePolicy policy;

    public BlobServer(BlobStore store, ServePolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    public void install(Host host) {
        host.setHandler(BlobProtocol.PROTOCOL_ID, this::serve);
    }

    void serve(Connection connection, NegotiatedStream stream) throws IOException {
        PeerId peer = connection.remotePeer();
        InputStream in = new MuxedStreamInputStream(stream, BlobProtocol.MAX_REQUEST_FRAME_BYTES * 4L, READ_TIMEOUT);
        try (OutputStream out = new MuxedStreamOutputStream(stream)) {
            for (int i = 0; i < BlobProtocol.MAX_REQUESTS_PER_STREAM; i++) {
                Optional<BlobMessage> request = BlobCodec.read(in, BlobProtocol.MAX_REQUEST_FRAME_BYTES);
                if (request.isEmpty()) {
                    return; // the peer is done
                }
                answer(request.get(), peer, out);
                out.flush();
            }
        } catch (BlobProtocolException e) {
            log.debug("resetting blob stream from {}: {}", peer, e.getMessage());
            stream.reset();
        } finally {
            in.close();
        }
    }

    private void answer(BlobMessage request, PeerId peer, OutputStream out) throws IOException {
        switch (request) {
            case GetChunks(var blob) -> {
                // The policy first: what we may not serve takes the same path as what we lack.
                Optional<ChunkList> list = policy.mayServe(blob, peer) ? store.chunkList(blob) : Optional.empty();
                out.write(list.map(l -> BlobCodec.encode(new Chunks(l))).orElse(ABSENT));
            }
            case GetRange(var blob, long offset, int length) -> {
                Optional<BlobHandle> handle = policy.mayServe(blob, peer) ? store.open(blob) : Optional.empty();
                if (handle.isEmpty()) {
                    out.write(ABSENT);
                    return;
                }
                try (BlobHandle h = handle.get()) {
                    if (offset + length > h.size()) {
                        throw new BlobProtocolException("range " + offset + "+" + length + " is past the end of "
                                + blob + " (" + h.size() + " bytes)");
                    }
                    out.write(BlobCodec.encode(new Data(length)));
                    copy(h, offset, length, out);
                }
            }
            case Chunks c -> throw new BlobProtocolException("unexpected CHUNKS from a client");
            case Data d -> throw new BlobProtocolException("unexpected DATA from a client");
            case Absent a -> throw new BlobProtocolException("unexpected ABSENT from a client");
        }
    }

    private static void copy(BlobHandle h, long offset, int length, OutputStream out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.min(length, 256 << 10));
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
            int n = h.channel().read(buf, pos);
            if (n < 0) {
                throw new IOException("blob " + h.digest() + " ended at " + pos + " of " + h.size());
            }
            out.write(buf.array(), 0, n);
            pos += n;
        }
    }
}
