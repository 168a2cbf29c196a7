package io.intinode.p2p.host;

import java.time.Duration;

/** Says when a connection has gone without streams for long enough to close; pure, fed the time. */
final class IdlePolicy {
    private final long idleNanos;
    private boolean idle;
    private long idleSince;

    IdlePolicy(Duration idleTimeout) {
        this.idleNanos = idleTimeout.toNanos();
    }

    /** Called periodically with the current stream count and a monotonic time in nanoseconds. */
    boolean shouldClose(int openStreams, long nowNanos) {
        if (openStreams > 0) {
            idle = false;
            return false;
        }
        if (!idle) {
            idle = true;
            idleSince = nowNanos;
        }
        return nowNanos - idleSince >= idleNanos;
    }
}
