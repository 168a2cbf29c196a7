package io.intinode.dht.service;

import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.protocol.KadCodec;
import io.intinode.dht.protocol.KadMessage;
import io.intinode.dht.protocol.KadProtocolException;
import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.upgrade.Connection;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one kad-dht request on a fresh stream and reads the answer; blocking, for virtual threads. */
final class KadClient {
    /** Addresses tried per request when no connection exists, so a peer with many addresses stays bounded. */
    private static final int MAX_DIAL_ADDRS = 3;
    private final Host host;
    private final String protocolId;
    private final KadCodec codec;

    KadClient(Host host, String protocolId, KadCodec codec) {
        this.host = host;
        this.protocolId = protocolId;
        this.codec = codec;
    }

    /** The answer to {@code request}, or empty for ADD_PROVIDER, which has none. */
    Optional<KadMessage> request(PeerInfo to, KadMessage request, Duration timeout) throws IOException {
        NegotiatedStream stream = open(to, timeout);
        MuxedStreamInputStream in = new MuxedStreamInputStream(stream, 2L * codec.limits().maxMessageBytes(), timeout);
        try (OutputStream out = new MuxedStreamOutputStream(stream, ByteBufAllocator.DEFAULT,
                codec.limits().maxMessageBytes(), timeout)) {
            codec.write(out, request);
            if (request instanceof KadMessage.AddProvider) {
                return Optional.empty();
            }
            KadMessage answer = codec.read(in);
            if (answer == null) {
                throw new KadProtocolException(to.id() + " closed the stream without answering");
            }
            return Optional.of(answer);
        } catch (IOException | RuntimeException e) {
            stream.reset();
            throw e;
        } finally {
            in.close();
        }
    }

    private NegotiatedStream open(PeerInfo to, Duration timeout) throws IOException {
        Optional<Connection> existing = host.connection(to.id());
        if (existing.isPresent()) {
            return await(host.newStream(existing.get(), List.of(protocolId)), timeout);
        }
        IOException last = new IOException("no address known for " + to.id());
        for (Multiaddr addr : to.addrs().stream().limit(MAX_DIAL_ADDRS).toList()) {
            try {
                return await(host.newStream(addr.withPeerId(to.id()), List.of(protocolId)), timeout);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static NegotiatedStream await(java.util.concurrent.CompletableFuture<NegotiatedStream> f, Duration timeout)
            throws IOException {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            f.thenAccept(NegotiatedStream::reset);
            throw new IOException("no stream within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
