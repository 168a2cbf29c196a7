package io.intinode.transfer.download;

/** Observes a download (progress, metrics, hedging); called from the downloading thread. */
@FunctionalInterface
public interface DownloadListener {
    DownloadListener NONE = (source, bytes) -> {};

    /** A chunk of {@code bytes} from {@code source} verified and was written. */
    void chunkVerified(String source, int bytes);
}
