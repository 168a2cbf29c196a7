package io.intinode.transfer.blob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstGoesAtOnceThenTheRateSetsTheWait() {
        TokenBucket bucket = new TokenBucket(1000, 500, 0);
        assertThat(bucket.reserve(500, 0)).isZero();
        assertThat(bucket.reserve(100, 0)).isEqualTo(SECOND / 10);
        assertThat(bucket.reserve(100, 0)).isEqualTo(2 * SECOND / 10); // queued behind the first debt
    }

    @Test
    void tokensRefillWithTimeUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(1000, 500, 0);
        bucket.reserve(500, 0);
        assertThat(bucket.reserve(250, SECOND / 4)).isZero();
        assertThat(bucket.reserve(1, SECOND / 4)).isEqualTo(SECOND / 1000);
        // A long quiet spell refills only up to the burst.
        assertThat(bucket.reserve(500, 100 * SECOND)).isZero();
        assertThat(bucket.reserve(1000, 100 * SECOND)).isEqualTo(SECOND);
    }

    @Test
    void sustainedSendingAveragesTheRate() {
        TokenBucket bucket = new TokenBucket(1 << 20, 64 << 10, 0);
        long now = 0;
        long sent = 0;
        for (int i = 0; i < 1000; i++) {
            now += bucket.reserve(16 << 10, now); // wait as told, then send
            sent += 16 << 10;
        }
        double seconds = (double) now / SECOND;
        assertThat(sent / seconds).isBetween(0.99 * (1 << 20), 1.1 * (1 << 20));
    }

    @Test
    void zeroRateMeansUnlimited() {
        TokenBucket bucket = new TokenBucket(0, 1, 0);
        assertThat(bucket.reserve(Long.MAX_VALUE / 2, 0)).isZero();
    }

    @Test
    void clockGoingBackwardsGivesNoTokens() {
        TokenBucket bucket = new TokenBucket(1000, 100, SECOND);
        bucket.reserve(100, SECOND);
        assertThat(bucket.reserve(100, 0)).isEqualTo(SECOND / 10);
    }
}
