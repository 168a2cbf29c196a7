package io.intinode.transfer.download;

import java.time.Duration;

/**
 * Settings of the chunked downloader.
 *
 * @param maxInFlightPerSource chunk requests outstanding at one source at a time
 * @param maxFailuresPerSource failed reads (not bad chunks) after which a source is dropped for the download
 * @param banTime how long a source that sent a bad chunk or a false chunk list is not asked again
 */
public record DownloadConfig(int maxInFlightPerSource, int maxFailuresPerSource, Duration banTime) {
    public static final DownloadConfig DEFAULTS = new DownloadConfig(8, 3, Duration.ofMinutes(30));

    public DownloadConfig {
        if (maxInFlightPerSource < 1 || maxFailuresPerSource < 1 || banTime.isNegative()) {
            throw new IllegalArgumentException("bad download settings: in flight " + maxInFlightPerSource
                    + ", failures " + maxFailuresPerSource + ", ban " + banTime);
        }
    }
}
