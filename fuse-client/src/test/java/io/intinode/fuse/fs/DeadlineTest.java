package io.intinode.fuse.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    final Deadline deadline = new Deadline();

    @AfterEach
    void close() {
        deadline.close();
    }

    @Test
    void returnsTheResultAndRethrowsTheTasksOwnException() throws Exception {
        assertThat(deadline.call(() -> 42, Duration.ofSeconds(5), late -> { })).isEqualTo(42);
        assertThatThrownBy(() -> deadline.call(() -> { throw new IOException("disk gone"); }, Duration.ofSeconds(5), late -> { }))
                .isInstanceOf(IOException.class).hasMessage("disk gone");
    }

    @Test
    void givesUpAtTheDeadlineAndHandsALateResultToTheDiscarder() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        CompletableFuture<String> discarded = new CompletableFuture<>();
        assertThatThrownBy(() -> deadline.call(() -> {
            hung.await();
            return "late";
        }, Duration.ofMillis(100), discarded::complete)).isInstanceOf(TimeoutException.class);
        hung.countDown();
        assertThat(discarded.get(5, TimeUnit.SECONDS)).isEqualTo("late");
    }
}
