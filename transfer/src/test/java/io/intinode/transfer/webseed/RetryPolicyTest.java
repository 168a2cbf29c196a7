package io.intinode.transfer.webseed;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.transfer.webseed.RetryPolicy.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final WebseedConfig CONFIG = new WebseedConfig(
            Duration.ofSeconds(1), Duration.ofMinutes(1), 4, 10, Duration.ofMillis(100), Duration.ofMillis(350));
    private final RetryPolicy policy = new RetryPolicy(CONFIG);
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Instant deadline = now.plusSeconds(60);

    @Test
    void backsOffExponentiallyUpToTheCap() {
        assertThat(policy.afterFailure(1, 1, now, deadline)).isEqualTo(new Decision.Retry(Duration.ofMillis(100)));
        assertThat(policy.afterFailure(2, 2, now, deadline)).isEqualTo(new Decision.Retry(Duration.ofMillis(200)));
        assertThat(policy.afterFailure(3, 3, now, deadline)).isEqualTo(new Decision.Retry(Duration.ofMillis(350)));
        assertThat(policy.backoff(1000)).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void givesUpAfterTooManyFailuresInARow() {
        assertThat(policy.afterFailure(4, 4, now, deadline))
                .isEqualTo(new Decision.GiveUp("gave up after 4 failed attempts in a row"));
    }

    @Test
    void givesUpAfterTooManyRequestsEvenWithProgress() {
        assertThat(policy.afterFailure(1, 10, now, deadline)).isEqualTo(new Decision.GiveUp("gave up after 10 requests"));
    }

    @Test
    void givesUpWhenTheBackoffWouldPassTheDeadline() {
        assertThat(policy.afterFailure(1, 1, now, now.plusMillis(99))).isEqualTo(new Decision.GiveUp("deadline reached"));
        assertThat(policy.afterFailure(1, 1, now, now.plusMillis(100))).isInstanceOf(Decision.Retry.class);
    }
}
