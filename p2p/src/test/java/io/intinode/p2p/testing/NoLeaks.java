package io.intinode.p2p.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaked a Netty buffer: after each test, collects garbage and lets the leak
 * detector (PARANOID, {@link RecordingLeakDetector}) report buffers that were dropped unreleased.
 */
public final class NoLeaks implements BeforeEachCallback, AfterEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    RecordingLeakDetector.LEAKS.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    for (int round = 0; round < 3; round++) {
      System.gc();
      // The detector reports what the collector found only when it tracks a new buffer.
      for (ByteBufAllocator alloc :
          new ByteBufAllocator[] {PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT}) {
        ByteBuf probe = alloc.buffer(1);
        probe.release();
      }
    }
    assertThat(RecordingLeakDetector.LEAKS).as("leaked buffers").isEmpty();
  }
}
