package io.intinode.transfer.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.PeerId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UploadSlotsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final PeerId a = Identity.generate(RANDOM).peerId();
    private final PeerId b = Identity.generate(RANDOM).peerId();
    private final PeerId c = Identity.generate(RANDOM).peerId();

    @Test
    void onePeerCannotTakeMoreThanItsShare() throws InterruptedException {
        UploadSlots slots = new UploadSlots(3, 2);
        assertThat(slots.acquire(a, Duration.ZERO)).isPresent();
        assertThat(slots.acquire(a, Duration.ZERO)).isPresent();
        assertThat(slots.acquire(a, Duration.ZERO)).as("a's third").isEmpty();
        assertThat(slots.acquire(b, Duration.ZERO)).as("b still gets one").isPresent();
        assertThat(slots.acquire(c, Duration.ZERO)).as("all three taken").isEmpty();
        assertThat(slots.inUse()).isEqualTo(3);
    }

    @Test
    void waiterGetsTheSlotThatComesFree() throws Exception {
        UploadSlots slots = new UploadSlots(1, 1);
        UploadSlots.Slot held = slots.acquire(a, Duration.ZERO).orElseThrow();
        CompletableFuture<Optional<UploadSlots.Slot>> waiting = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                waiting.complete(slots.acquire(b, Duration.ofSeconds(30)));
            } catch (InterruptedException e) {
                waiting.completeExceptionally(e);
            }
        });
        assertThat(waiting).isNotDone();
        held.close();
        held.close(); // twice is harmless

        assertThat(waiting.get(30, TimeUnit.SECONDS)).isPresent();
        assertThat(slots.inUse()).isEqualTo(1);
    }
}
