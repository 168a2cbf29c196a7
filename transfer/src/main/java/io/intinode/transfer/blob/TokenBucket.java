package io.intinode.transfer.blob;

/**
 * A token bucket for bandwidth, as pure logic: the caller passes the time. A sender reserves the bytes
 * it is about to send and is told how long to wait first; reservations may run the bucket into debt,
 * which later senders pay off in turn, so a large send is never starved by small ones.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final long burstBytes;
    private double tokens;
    private long lastNanos;

    /** @param bytesPerSecond the rate; 0 means unlimited */
    TokenBucket(long bytesPerSecond, long burstBytes, long nowNanos) {
        this.bytesPerSecond = bytesPerSecond;
        this.burstBytes = burstBytes;
        this.tokens = burstBytes;
        this.lastNanos = nowNanos;
    }

    /** Takes {@code bytes} tokens and returns how many nanoseconds to wait before sending them. */
    synchronized long reserve(long bytes, long nowNanos) {
        if (bytesPerSecond == 0) {
            return 0;
        }
        if (nowNanos > lastNanos) {
            tokens = Math.min(burstBytes, tokens + (double) (nowNanos - lastNanos) * bytesPerSecond / NANOS_PER_SECOND);
            lastNanos = nowNanos;
        }
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / bytesPerSecond);
    }
}
