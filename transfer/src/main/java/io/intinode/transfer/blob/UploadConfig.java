package io.intinode.transfer.blob;

import java.time.Duration;

/**
 * Limits on what this node uploads to peers.
 *
 * @param maxUploads GET_RANGE requests served at once, over all peers
 * @param maxUploadsPerPeer of those, at most this many for one peer (so one peer cannot take them all)
 * @param uploadBytesPerSecond the upload bandwidth cap over all peers; 0 means none
 * @param uploadBurstBytes how far above the rate a quiet node may burst
 * @param slotWait how long a request waits for a free upload before its stream is reset
 */
public record UploadConfig(int maxUploads, int maxUploadsPerPeer, long uploadBytesPerSecond, long uploadBurstBytes,
        Duration slotWait) {
    public static final UploadConfig DEFAULTS = new UploadConfig(16, 4, 0, 4L << 20, Duration.ofSeconds(10));

    public UploadConfig {
        if (maxUploads < 1 || maxUploadsPerPeer < 1 || uploadBytesPerSecond < 0 || uploadBurstBytes < 1
                || slotWait.isNegative()) {
            throw new IllegalArgumentException("bad upload limits: " + maxUploads + " uploads, " + maxUploadsPerPeer
                    + " per peer, " + uploadBytesPerSecond + " B/s, burst " + uploadBurstBytes + ", wait " + slotWait);
        }
    }
}
