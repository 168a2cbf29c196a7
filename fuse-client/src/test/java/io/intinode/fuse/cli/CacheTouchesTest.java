package io.intinode.fuse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.node.api.ApiClient;
import io.intinode.store.Digest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CacheTouchesTest {
    private final List<List<Digest>> sent = new CopyOnWriteArrayList<>();

    @Test
    void closeSendsWhatIsPendingInBatchesTheNodeAccepts() {
        List<Digest> opened = IntStream.range(0, 2 * ApiClient.MAX_TOUCHES + 7).mapToObj(CacheTouchesTest::digest)
                .toList();
        CacheTouches touches = new CacheTouches(sent::add, Duration.ofHours(1)); // only close sends
        opened.forEach(touches::opened);
        opened.forEach(touches::opened); // a blob opened twice between sends is told once
        touches.close();
        assertThat(sent).hasSize(3).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(ApiClient.MAX_TOUCHES));
        Set<Digest> all = new HashSet<>();
        sent.forEach(all::addAll);
        assertThat(all).containsExactlyInAnyOrderElementsOf(opened);
    }

    @Test
    void opensAreSentEveryIntervalAndAFailedBatchDoesNotStopTheNext() throws Exception {
        CacheTouches touches = new CacheTouches(batch -> {
            sent.add(batch);
            if (sent.size() == 1) {
                throw new ApiClient.CallFailedException("the node refused a touch: test", null);
            }
        }, Duration.ofMillis(20));
        try (touches) {
            touches.opened(digest(1));
            awaitTrue(() -> sent.size() == 1);
            touches.opened(digest(2));
            awaitTrue(() -> sent.size() == 2);
        }
        assertThat(sent).containsExactly(List.of(digest(1)), List.of(digest(2)));
    }

    @Test
    void aNodeThatIsGoneLosesTheBatchAndCloseStillReturns() {
        CacheTouches touches = new CacheTouches(batch -> {
            sent.add(batch);
            throw new ApiClient.NoNodeException(java.nio.file.Path.of("/nowhere/api.sock"), null);
        }, Duration.ofHours(1));
        touches.opened(digest(3));
        touches.close();
        assertThat(sent).containsExactly(List.of(digest(3)));
    }

    private static Digest digest(int n) {
        return Digest.of(ByteBuffer.allocate(32).putInt(n).array());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(5); // polling interval of a bounded wait on a condition
        }
    }
}
