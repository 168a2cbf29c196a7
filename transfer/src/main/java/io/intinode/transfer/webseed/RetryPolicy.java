package io.intinode.transfer.webseed;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides, after a failed request to one URL, whether to try it again and after how long. Pure: the
 * caller passes the counts and the time.
 */
final class RetryPolicy {
    private final WebseedConfig config;

    RetryPolicy(WebseedConfig config) {
        this.config = config;
    }

    sealed interface Decision {
        record Retry(Duration delay) implements Decision {}

        record GiveUp(String reason) implements Decision {}
    }

    /**
     * @param failuresInARow failed requests since the URL last delivered new bytes (at least 1)
     * @param requests requests made to the URL so far
     */
    Decision afterFailure(int failuresInARow, int requests, Instant now, Instant deadline) {
        if (failuresInARow >= config.maxAttemptsPerUrl()) {
            return new Decision.GiveUp("gave up after " + failuresInARow + " failed attempts in a row");
        }
        if (requests >= config.maxRequestsPerUrl()) {
            return new Decision.GiveUp("gave up after " + requests + " requests");
        }
        Duration delay = backoff(failuresInARow);
        if (now.plus(delay).isAfter(deadline)) {
            return new Decision.GiveUp("deadline reached");
        }
        return new Decision.Retry(delay);
    }

    /** initialBackoff, doubled for each further failure in a row, at most maxBackoff. */
    Duration backoff(int failuresInARow) {
        int doublings = Math.clamp(failuresInARow - 1, 0, 30);
        Duration d = config.initialBackoff().multipliedBy(1L << doublings);
        return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
    }
}
