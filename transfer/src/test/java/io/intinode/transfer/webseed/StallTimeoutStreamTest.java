package io.intinode.transfer.webseed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StallTimeoutStreamTest {
    private final AtomicLong requested = new AtomicLong();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Flow.Subscription subscription = new Flow.Subscription() {
        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    };

    @Test
    void readsChunksInOrderOneRequestAtATime() throws IOException {
        StallTimeoutStream stream = new StallTimeoutStream(() -> Duration.ofSeconds(5));
        stream.onSubscribe(subscription);
        assertThat(requested.get()).isEqualTo(1);
        stream.onNext(List.of(bytes("ab"), bytes("c")));
        assertThat(new String(stream.readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("abc");
        stream.onNext(List.of(bytes("de")));
        stream.onComplete();
        assertThat(new String(stream.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("de");
        assertThat(stream.read()).isEqualTo(-1);
        assertThat(requested.get()).isEqualTo(3);
        stream.close();
        assertThat(cancelled).isFalse();
    }

    @Test
    void aStallFailsTheReadAndCancelsTheExchange() {
        StallTimeoutStream stream = new StallTimeoutStream(() -> Duration.ofMillis(50));
        stream.onSubscribe(subscription);
        assertThatThrownBy(stream::read)
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessage("no data from the server for 50 ms");
        assertThat(cancelled).isTrue();
    }

    @Test
    void anErrorOfTheBodyIsAnIoException() {
        StallTimeoutStream stream = new StallTimeoutStream(() -> Duration.ofSeconds(5));
        stream.onSubscribe(subscription);
        stream.onError(new IllegalStateException("reset by peer"));
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessage("reset by peer");
    }

    @Test
    void closingBeforeTheEndCancelsEvenIfSubscribedLater() {
        StallTimeoutStream stream = new StallTimeoutStream(() -> Duration.ofSeconds(5));
        stream.close();
        stream.onSubscribe(subscription);
        assertThat(cancelled).isTrue();
        assertThat(requested.get()).isZero();
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
