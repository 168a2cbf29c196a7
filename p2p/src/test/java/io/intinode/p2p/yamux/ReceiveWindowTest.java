package io.intinode.p2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiveWindowTest {
  private static final int KIB = 1024;

  @Test
  void startsAtTheSpecWindowWithNothingToAnnounce() {
    ReceiveWindow w = new ReceiveWindow(256 * KIB, 16 << 20);
    assertThat(w.initialDelta()).isZero();
    assertThat(w.credit()).isEqualTo(256 * KIB);
  }

  @Test
  void announcesALargerInitialWindow() {
    assertThat(new ReceiveWindow(1 << 20, 16 << 20).initialDelta()).isEqualTo((1 << 20) - 256 * KIB);
  }

  @Test
  void rejectsDataBeyondTheCredit() {
    ReceiveWindow w = new ReceiveWindow(256 * KIB, 16 << 20);
    assertThat(w.receive(200 * KIB)).isTrue();
    assertThat(w.receive(57 * KIB)).isFalse();
    assertThat(w.receive(56 * KIB)).isTrue();
    assertThat(w.credit()).isZero();
  }

  @Test
  void grantsNothingUntilHalfTheWindowIsConsumed() {
    ReceiveWindow w = new ReceiveWindow(256 * KIB, 16 << 20);
    w.receive(100 * KIB);
    assertThat(w.consume(100 * KIB, Long.MAX_VALUE)).isZero();
    w.receive(28 * KIB);
    long grant = w.consume(28 * KIB, Long.MAX_VALUE);
    // The 128 KiB consumed come back, plus 256 KiB as the window doubles.
    assertThat(grant).isEqualTo(128 * KIB + 256 * KIB);
    assertThat(w.window()).isEqualTo(512 * KIB);
    assertThat(w.credit()).isEqualTo(512 * KIB);
  }

  @Test
  void growsToTheMaxAndStaysThere() {
    ReceiveWindow w = new ReceiveWindow(256 * KIB, 4 << 20);
    for (int i = 0; i < 20; i++) {
      long chunk = w.credit();
      assertThat(w.receive(chunk)).isTrue();
      w.consume(chunk, Long.MAX_VALUE);
    }
    assertThat(w.window()).isEqualTo(4 << 20);
    assertThat(w.credit()).isEqualTo(4 << 20);
  }

  @Test
  void bytesHeldByAPausedReaderStayOutOfTheCredit() {
    ReceiveWindow w = new ReceiveWindow(256 * KIB, 16 << 20);
    w.receive(256 * KIB);
    assertThat(w.credit()).isZero();
    assertThat(w.consume(64 * KIB, Long.MAX_VALUE)).isZero();
    assertThat(w.credit()).isZero();
  }

  @Test
  void growsOnlyWithinTheSessionAllowance() {
    ReceiveWindow w = new ReceiveWindow(256 * KIB, 16 << 20);
    w.receive(128 * KIB);
    assertThat(w.consume(128 * KIB, 100 * KIB)).isEqualTo(228 * KIB);
    assertThat(w.window()).isEqualTo(356 * KIB);
    w.receive(178 * KIB);
    assertThat(w.consume(178 * KIB, 0)).isEqualTo(178 * KIB);
    assertThat(w.window()).isEqualTo(356 * KIB);
    w.receive(178 * KIB);
    assertThat(w.consume(178 * KIB, -5)).as("an overdrawn session grants no growth").isEqualTo(178 * KIB);
    assertThat(w.credit()).isEqualTo(356 * KIB);
  }
}
