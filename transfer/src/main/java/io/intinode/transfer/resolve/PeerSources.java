package io.intinode.transfer.resolve;

import io.intinode.transfer.download.ChunkSource;
import io.intinode.transfer.download.Downloader;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the peer stages need: who to ask, how to talk to one peer, the downloader, and how long to
 * wait for a peer to start delivering before the later stages (webseed) start too.
 */
public record PeerSources(ProviderFinder finder, Function<Provider, ChunkSource> connect, Downloader downloader,
        Duration hedgeDelay) {
    public static final Duration DEFAULT_HEDGE_DELAY = Duration.ofMillis(100);

    public PeerSources {
        Objects.requireNonNull(finder, "finder");
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(downloader, "downloader");
        if (hedgeDelay.isNegative()) {
            throw new IllegalArgumentException("hedgeDelay must be >= 0: " + hedgeDelay);
        }
    }
}
