package io.intinode.transfer.webseed;

import java.time.Duration;

/**
 * Settings of webseed fetches.
 *
 * @param requestTimeout longest wait for a connection, for response headers, or for the next bytes
 *     of a body (a stalled server fails the request after this long)
 * @param deadline longest time one fetch may take over all URLs, retries and resumes
 * @param maxAttemptsPerUrl requests to one URL that may fail in a row without delivering new bytes
 * @param maxRequestsPerUrl requests to one URL in all, resumes included
 * @param initialBackoff wait before the first retry; doubles on each failure in a row
 * @param maxBackoff longest wait between retries
 */
public record WebseedConfig(
        Duration requestTimeout,
        Duration deadline,
        int maxAttemptsPerUrl,
        int maxRequestsPerUrl,
        Duration initialBackoff,
        Duration maxBackoff) {

    public static final WebseedConfig DEFAULTS = new WebseedConfig(
            Duration.ofSeconds(30), Duration.ofMinutes(30), 4, 64, Duration.ofMillis(250), Duration.ofSeconds(8));

    public WebseedConfig {
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(deadline, "deadline");
        requirePositive(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("initialBackoff must be between 0 and maxBackoff");
        }
        if (maxAttemptsPerUrl < 1 || maxRequestsPerUrl < maxAttemptsPerUrl) {
            throw new IllegalArgumentException("need 1 <= maxAttemptsPerUrl <= maxRequestsPerUrl");
        }
    }

    public WebseedConfig withDeadline(Duration newDeadline) {
        return new WebseedConfig(requestTimeout, newDeadline, maxAttemptsPerUrl, maxRequestsPerUrl,
                initialBackoff, maxBackoff);
    }

    private static void requirePositive(Duration d, String name) {
        if (!d.isPositive()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
