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
import io.intinode.store.Digest;
import io.intinode.transfer.blob.BlobMessage.Absent;
import io.intinode.transfer.blob.BlobMessage.Chunks;
import io.intinode.transfer.blob.BlobMessage.Data;
import io.intinode.transfer.blob.BlobMessage.GetChunks;
import io.intinode.transfer.blob.BlobMessage.GetRange;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
    /** Data goes out in pieces of this size, each paced by the bandwidth cap. */
    private static final int COPY_PIECE_BYTES = 256 << 10;

    private final BlobStore store;
    private final ServePolicy policy;
    private final UploadConfig limits;
    private final UploadSlots slots;
    private final TokenBucket bandwidth;
    private final LongSupplier nanoClock;
    private final UploadGate gate;

    public BlobServer(BlobStore store, ServePolicy policy) {
        this(store, policy, UploadConfig.DEFAULTS, System::nanoTime);
    }

    /** @param nanoClock monotonic nanoseconds, for the bandwidth cap */
    public BlobServer(BlobStore store, ServePolicy policy, UploadConfig limits, LongSupplier nanoClock) {
        this(store, policy, limits, nanoClock, UploadGate.OPEN);
    }

    /** @param gate closed, every range is refused like one without a free slot (the stream is reset) */
    public BlobServer(BlobStore store, ServePolicy policy, UploadConfig limits, LongSupplier nanoClock,
            UploadGate gate) {
        this.gate = gate;
        this.store = store;
        this.policy = policy;
        this.limits = limits;
        this.slots = new UploadSlots(limits.maxUploads(), limits.maxUploadsPerPeer());
        this.bandwidth = new TokenBucket(limits.uploadBytesPerSecond(), limits.uploadBurstBytes(), nanoClock.getAsLong());
        this.nanoClock = nanoClock;
    }

    public void install(Host host) {
        host.setHandler(BlobProtocol.PROTOCOL_ID, this::serve);
    }

    /** Ranges being served right now (for metrics and tests). */
    public int uploadsInProgress() {
        return slots.inUse();
    }

    void serve(Connection connection, NegotiatedStream stream) throws IOException {
        PeerId peer = connection.remotePeer();
        InputStream in = new MuxedStreamInputStream(stream, BlobProtocol.MAX_REQUEST_FRAME_BYTES * 4L, READ_TIMEOUT);
        try (MuxedStreamOutputStream out = new MuxedStreamOutputStream(stream)) {
            for (int i = 0; i < BlobProtocol.MAX_REQUESTS_PER_STREAM; i++) {
                Optional<BlobMessage> request = BlobCodec.read(in, BlobProtocol.MAX_REQUEST_FRAME_BYTES);
                if (request.isEmpty()) {
                    return; // the peer is done
                }
                answer(request.get(), peer, out);
                out.flush();
            }
        } catch (BlobProtocolException | UploadBusyException e) {
            log.debug("resetting blob stream from {}: {}", peer, e.getMessage());
            stream.reset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.reset();
        } finally {
            in.close();
        }
    }

    private void answer(BlobMessage request, PeerId peer, MuxedStreamOutputStream out)
            throws IOException, InterruptedException {
        switch (request) {
            case GetChunks(var blob) -> {
                // A chunk list costs a lookup and up to 8 MiB of answer: it takes an upload slot and is paced
                // by the bandwidth cap like data, so asking for lists is not a free way to load this host.
                try (UploadSlots.Slot slot = slot(peer)) {
                    // The policy first: what we may not serve takes the same path as what we lack.
                    Optional<ChunkList> list = policy.mayServe(blob, peer) ? store.chunkList(blob) : Optional.empty();
                    byte[] answer = list.map(l -> BlobCodec.encode(new Chunks(l))).orElse(ABSENT);
                    pace(answer.length);
                    out.write(answer);
                }
            }
            case GetRange(var blob, long offset, int length) -> {
                // A closed gate refuses every range alike, held or not, before the policy and the store.
                if (!gate.open()) {
                    throw new UploadBusyException("uploads paused (seeding gate closed)");
                }
                // Every range takes a slot, served or not, so being busy says nothing about what we hold.
                try (UploadSlots.Slot slot = slot(peer)) {
                    serveRange(blob, offset, length, peer, out);
                }
            }
            case Chunks c -> throw new BlobProtocolException("unexpected CHUNKS from a client");
            case Data d -> throw new BlobProtocolException("unexpected DATA from a client");
            case Absent a -> throw new BlobProtocolException("unexpected ABSENT from a client");
        }
    }

    private UploadSlots.Slot slot(PeerId peer) throws InterruptedException {
        return slots.acquire(peer, limits.slotWait()).orElseThrow(() -> new UploadBusyException(
                "no upload slot for " + peer + " within " + limits.slotWait().toMillis() + " ms"));
    }

    /** Waits until the bandwidth cap lets {@code bytes} go out (pacing a virtual thread). */
    private void pace(int bytes) throws InterruptedException {
        long wait = bandwidth.reserve(bytes, nanoClock.getAsLong());
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private void serveRange(Digest blob, long offset, int length, PeerId peer, MuxedStreamOutputStream out)
            throws IOException, InterruptedException {
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
            gate.uploaded(length);
        }
    }

    /** Paced in pieces; the file is read straight into the stream's outgoing buffers. */
    private void copy(BlobHandle h, long offset, int length, MuxedStreamOutputStream out)
            throws IOException, InterruptedException {
        for (int done = 0; done < length; ) {
            int n = Math.min(length - done, COPY_PIECE_BYTES);
            pace(n);
            try {
                out.writeFrom(h.channel(), offset + done, n);
            } catch (EOFException e) {
                throw new IOException("blob " + h.digest() + " ended early (" + h.size() + " bytes listed)", e);
            }
            done += n;
        }
    }
}
