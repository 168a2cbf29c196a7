package io.intinode.dht.service;

import io.intinode.dht.core.PeerInfo;
import io.intinode.dht.protocol.KadMessage;
import io.intinode.dht.query.Goal;
import io.intinode.dht.query.Lookup;
import io.intinode.dht.query.LookupResult;
import io.intinode.dht.query.LookupStep;
import io.intinode.p2p.identity.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link Lookup}: one virtual thread per request, answers fed back on the calling thread, which
 * alone touches the state machine. Ends when the lookup does, which its own timeouts bound.
 */
final class LookupDriver {
    private static final Logger log = LoggerFactory.getLogger(LookupDriver.class);

    private record Reply(PeerInfo from, Optional<KadMessage> answer, Exception failure) {}

    private final KadClient client;
    private final Clock clock;
    private final Duration requestTimeout;
    private final Consumer<PeerId> onFailure;

    /** @param onFailure told of every peer whose request failed (not of ones merely slow) */
    LookupDriver(KadClient client, Clock clock, Duration requestTimeout, Consumer<PeerId> onFailure) {
        this.client = client;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.onFailure = onFailure;
    }

    LookupResult run(Lookup lookup, Consumer<PeerInfo> onProvider) throws InterruptedException {
        KadMessage request = switch (lookup.goal()) {
            case Goal.Providers p -> KadMessage.GetProviders.request(lookup.target());
            case Goal.ClosestPeers c -> KadMessage.FindNode.request(lookup.target());
            case Goal.Peer p -> KadMessage.FindNode.request(lookup.target());
        };
        LinkedBlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
        while (true) {
            Instant now = clock.instant();
            switch (lookup.next(now)) {
                case LookupStep.Finished f -> {
                    return f.result();
                }
                case LookupStep.Send s -> s.peers().forEach(p -> Thread.ofVirtual().name("kad-request").start(() -> {
                    try {
                        replies.add(new Reply(p, client.request(p, request, requestTimeout), null));
                    } catch (Exception e) {
                        replies.add(new Reply(p, Optional.empty(), e));
                    }
                }));
                case LookupStep.Wait w -> {
                    long waitMs = Math.max(1, Duration.between(now, w.until()).toMillis());
                    Reply r = replies.poll(waitMs, TimeUnit.MILLISECONDS);
                    while (r != null) {
                        feed(lookup, r, onProvider);
                        r = replies.poll();
                    }
                }
            }
        }
    }

    private void feed(Lookup lookup, Reply r, Consumer<PeerInfo> onProvider) {
        switch (r.answer().orElse(null)) {
            case KadMessage.FindNode f when !(lookup.goal() instanceof Goal.Providers) ->
                    lookup.onSuccess(r.from().id(), f.closerPeers(), List.of());
            case KadMessage.GetProviders g when lookup.goal() instanceof Goal.Providers ->
                    lookup.onSuccess(r.from().id(), g.closerPeers(), g.providers()).forEach(onProvider);
            case null -> {
                log.debug("kad request to {} failed: {}", r.from().id(), r.failure().getMessage());
                lookup.onFailure(r.from().id());
                onFailure.accept(r.from().id());
            }
            default -> {
                log.info("{} answered a kad request with the wrong message type", r.from().id());
                lookup.onFailure(r.from().id());
            }
        }
    }
}
