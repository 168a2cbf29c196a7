package io.intinode.p2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.p2p.core.MuxerException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamPolicyTest {
  private static final int KIB = 1024;

  private static YamuxConfig config(int maxStreams, int maxAborted) {
    return new YamuxConfig(256 * KIB, 1 << 20, 2 << 20, 64 * KIB, maxStreams, maxAborted, Duration.ofSeconds(1));
  }

  @Test
  void numbersStreamsByRole() {
    StreamPolicy dialer = new StreamPolicy(config(8, 8), true);
    StreamPolicy listener = new StreamPolicy(config(8, 8), false);
    assertThat(dialer.openOutbound()).isEqualTo(1);
    assertThat(dialer.openOutbound()).isEqualTo(3);
    assertThat(listener.openOutbound()).isEqualTo(2);
    assertThat(listener.admitInbound(1)).isTrue();
    assertThat(dialer.admitInbound(2)).isTrue();
  }

  @Test
  void rejectsIdsOfTheWrongParityOrGoingBackwards() {
    StreamPolicy p = new StreamPolicy(config(8, 8), true);
    assertThatThrownBy(() -> p.admitInbound(1)).isInstanceOf(YamuxException.class);
    assertThat(p.admitInbound(6)).isTrue();
    assertThatThrownBy(() -> p.admitInbound(6)).isInstanceOf(YamuxException.class);
    assertThatThrownBy(() -> p.admitInbound(4)).isInstanceOf(YamuxException.class);
  }

  @Test
  void capsConcurrentStreamsBothWays() {
    StreamPolicy p = new StreamPolicy(config(2, 8), true);
    p.openOutbound();
    assertThat(p.admitInbound(2)).isTrue();
    assertThat(p.admitInbound(4)).isFalse();
    assertThatThrownBy(p::openOutbound).isInstanceOf(MuxerException.class).hasMessageContaining("cap");
    p.closed(true, true, 256 * KIB);
    assertThat(p.openStreams()).isEqualTo(1);
    assertThat(p.admitInbound(6)).isTrue();
  }

  @Test
  void refusalsAndResetsInARowAreAFloodUntilAStreamClosesCleanly() {
    StreamPolicy p = new StreamPolicy(config(1, 2), true);
    assertThat(p.admitInbound(2)).isTrue();
    assertThat(p.admitInbound(4)).isFalse();
    p.resetByRemote();
    p.closed(true, false, 256 * KIB);
    assertThat(p.admitInbound(6)).isTrue();
    assertThatThrownBy(() -> p.admitInbound(8)).as("a third abort").isInstanceOf(YamuxException.class)
        .hasMessageContaining("flood");

    StreamPolicy forgiving = new StreamPolicy(config(1, 2), true);
    forgiving.admitInbound(2);
    forgiving.admitInbound(4);
    forgiving.admitInbound(6);
    forgiving.closed(true, true, 256 * KIB);
    assertThat(forgiving.admitInbound(8)).isTrue();
    assertThat(forgiving.admitInbound(10)).isFalse();
    assertThat(forgiving.admitInbound(12)).isFalse();
  }

  @Test
  void noNewStreamsAfterGoAway() {
    StreamPolicy p = new StreamPolicy(config(8, 8), true);
    p.stopNewStreams();
    assertThatThrownBy(p::openOutbound).isInstanceOf(MuxerException.class).hasMessageContaining("closing");
    assertThat(p.admitInbound(2)).isFalse();
  }

  @Test
  void sharesTheWindowBudgetAmongStreams() {
    StreamPolicy p = new StreamPolicy(config(8, 8), true);
    p.openOutbound();
    p.openOutbound();
    assertThat(p.windowAllowance()).isEqualTo((2 << 20) - 512 * KIB);
    p.windowGrew(1 << 20);
    assertThat(p.windowAllowance()).isEqualTo(512 * KIB);
    p.closed(false, true, (1 << 20) + 256 * KIB);
    assertThat(p.windowAllowance()).isEqualTo((2 << 20) - 256 * KIB);
  }
}
