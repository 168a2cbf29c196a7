package io.intinode.dht.service;

import io.intinode.dht.protocol.KadCodec;
import io.intinode.dht.protocol.KadMessage;
import io.intinode.dht.protocol.KadProtocolException;
import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.identify.IdentifyInfo;
import io.intinode.p2p.identify.IdentifyService;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.upgrade.Connection;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves inbound kad-dht streams (a host {@code StreamHandler}, on a virtual thread): reads requests one after
 * another, answers each through the {@link KadResponder}; a bad request resets the stream.
 */
final class KadServer {
    private static final Logger log = LoggerFactory.getLogger(KadServer.class);
    /** Requests served on one inbound stream before it is closed, so one stream cannot hold a thread forever. */
    private static final int MAX_REQUESTS_PER_STREAM = 1000;

    private final KadCodec codec;
    private final KadResponder responder;
    private final IdentifyService identify;
    private final Clock clock;
    private final Duration idleTimeout;

    /** @param idleTimeout how long a stream may sit between requests */
    KadServer(KadCodec codec, KadResponder responder, IdentifyService identify, Clock clock, Duration idleTimeout) {
        this.codec = codec;
        this.responder = responder;
        this.identify = identify;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    void serve(Connection c, NegotiatedStream stream) throws IOException {
        InputStream in = new MuxedStreamInputStream(stream, 2L * codec.limits().maxMessageBytes(), idleTimeout);
        List<Multiaddr> senderAddrs = identify.info(c.remotePeer())
                .map(IdentifyInfo::listenAddrs).orElse(List.of());
        try (OutputStream out = new MuxedStreamOutputStream(stream)) {
            for (int i = 0; i < MAX_REQUESTS_PER_STREAM; i++) {
                KadMessage request = codec.read(in);
                if (request == null) {
                    return;
                }
                Optional<KadMessage> answer = responder.respond(c.remotePeer(), senderAddrs, request, clock.instant());
                if (answer.isPresent()) {
                    codec.write(out, answer.get());
                }
            }
        } catch (KadProtocolException e) {
            log.info("bad kad request from {}: {}", c.remotePeer(), e.getMessage());
            stream.reset();
        } finally {
            in.close();
        }
    }
}
