package io.intinode.p2p.identify;

import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.ConnectionListener;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.upgrade.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ipfs/id/1.0.0} and {@code /ipfs/id/push/1.0.0}: answers who we are, asks every newly connected
 * peer who it is, and keeps the latest answer per connected peer.
 */
public final class IdentifyService {
    private static final Logger log = LoggerFactory.getLogger(IdentifyService.class);
    public static final String PROTOCOL_ID = "/ipfs/id/1.0.0";
    public static final String PUSH_PROTOCOL_ID = "/ipfs/id/push/1.0.0";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Host host;
    private final Map<PeerId, CompletableFuture<IdentifyInfo>> peers = new ConcurrentHashMap<>();

    private IdentifyService(Host host) {
        this.host = host;
    }

    public static IdentifyService install(Host host) {
        IdentifyService service = new IdentifyService(host);
        host.setHandler(PROTOCOL_ID, service::answer);
        host.setHandler(PUSH_PROTOCOL_ID, service::receivePush);
        host.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(Connection c) {
                service.future(c.remotePeer());
                Thread.ofVirtual().name("identify").start(() -> service.identify(c));
            }

            @Override
            public void disconnected(Connection c) {
                if (host.connection(c.remotePeer()).isEmpty()) {
                    service.peers.remove(c.remotePeer());
                }
            }
        });
        return service;
    }

    /** The peer's identify answer, completing when it arrives (fails if identify fails). */
    public CompletableFuture<IdentifyInfo> future(PeerId peer) {
        return peers.computeIfAbsent(peer, p -> new CompletableFuture<>());
    }

    public Optional<IdentifyInfo> info(PeerId peer) {
        CompletableFuture<IdentifyInfo> f = peers.get(peer);
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? Optional.of(f.join()) : Optional.empty();
    }

    private void identify(Connection c) {
        try {
            NegotiatedStream stream = host.newStream(c, List.of(PROTOCOL_ID))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            InputStream in = new MuxedStreamInputStream(stream, IdentifyCodec.MAX_MESSAGE_BYTES * 2L, TIMEOUT);
            try {
                stream.closeWrite();
                IdentifyInfo info = IdentifyCodec.read(in, c.remotePeer());
                complete(c.remotePeer(), info);
                log.debug("identified {}: {} {}", c.remotePeer(), info.agentVersion(), info.protocols());
            } finally {
                in.close();
            }
        } catch (Exception e) {
            String reason = e.getCause() != null && e instanceof java.util.concurrent.ExecutionException
                    ? e.getCause().getMessage() : e.getMessage();
            log.info("identify of {} failed: {}", c.remotePeer(), reason);
            future(c.remotePeer()).completeExceptionally(new IdentifyException("identify failed: " + reason));
        }
    }

    private void complete(PeerId peer, IdentifyInfo info) {
        CompletableFuture<IdentifyInfo> f = future(peer);
        if (!f.complete(info)) {
            peers.put(peer, CompletableFuture.completedFuture(info));
        }
    }

    private void answer(Connection c, NegotiatedStream stream) throws IOException {
        try (OutputStream out = new MuxedStreamOutputStream(stream)) {
            out.write(ourIdentify(c));
        }
    }

    private byte[] ourIdentify(Connection c) {
        return IdentifyCodec.encode(host.identity().publicKey(), host.config().agentVersion(),
                host.listenAddrs(), host.protocols(), Optional.of(c.remoteAddr()));
    }

    /**
     * Tells every connected peer our current identify record (call after registering or removing a protocol
     * handler). Runs on virtual threads; completes when every push finished or failed (failures are logged).
     */
    public CompletableFuture<Void> pushToAll() {
        List<CompletableFuture<Void>> pushes = host.connections().stream().map(this::push).toList();
        return CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> push(Connection c) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("identify-push").start(() -> {
            try {
                NegotiatedStream stream = host.newStream(c, List.of(PUSH_PROTOCOL_ID))
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                try (OutputStream out = new MuxedStreamOutputStream(stream)) {
                    out.write(ourIdentify(c));
                }
            } catch (Exception e) {
                log.info("identify push to {} failed: {}", c.remotePeer(), e.getMessage());
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private void receivePush(Connection c, NegotiatedStream stream) throws IOException {
        InputStream in = new MuxedStreamInputStream(stream, IdentifyCodec.MAX_MESSAGE_BYTES * 2L, TIMEOUT);
        try {
            IdentifyInfo pushed = IdentifyCodec.read(in, c.remotePeer());
            IdentifyInfo merged = info(c.remotePeer()).map(old -> merge(old, pushed)).orElse(pushed);
            complete(c.remotePeer(), merged);
        } finally {
            in.close();
            stream.closeWrite();
        }
    }

    /** A push carries only what changed; empty fields keep what we knew. */
    private static IdentifyInfo merge(IdentifyInfo old, IdentifyInfo push) {
        return new IdentifyInfo(old.peer(),
                push.protocolVersion().isEmpty() ? old.protocolVersion() : push.protocolVersion(),
                push.agentVersion().isEmpty() ? old.agentVersion() : push.agentVersion(),
                push.listenAddrs().isEmpty() ? old.listenAddrs() : push.listenAddrs(),
                push.protocols().isEmpty() ? old.protocols() : push.protocols(),
                push.observedAddr().or(old::observedAddr));
    }
}
