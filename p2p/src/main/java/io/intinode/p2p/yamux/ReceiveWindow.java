package io.intinode.p2p.yamux;

/**
 * The receive side of one stream's flow control, without I/O. The remote may send {@link
 * #credit()} more bytes. Once half the window has been consumed it is granted back, and the window
 * doubles (up to the max, and within what the session still allows) each time, so a stream whose
 * reader keeps up soon has a window large enough to fill a fast link while a stalled one holds at
 * most its current window.
 */
final class ReceiveWindow {
  private final long maxWindow;
  private long window;
  private long credit;
  private long consumed;

  ReceiveWindow(long initialWindow, long maxWindow) {
    this.window = initialWindow;
    this.maxWindow = maxWindow;
    this.credit = initialWindow;
  }

  /** The delta to announce with SYN or ACK: what the window exceeds the spec's default by. */
  long initialDelta() {
    return window - YamuxConfig.SPEC_INITIAL_WINDOW;
  }

  /** Records {@code bytes} received; false if they exceed the credit (a protocol violation). */
  boolean receive(long bytes) {
    if (bytes > credit) {
      return false;
    }
    credit -= bytes;
    return true;
  }

  /**
   * Records {@code bytes} handed to the reader; returns the window update to send, or 0.
   *
   * @param growthAllowance how much the window may grow now (the session's remaining budget)
   */
  long consume(long bytes, long growthAllowance) {
    consumed += bytes;
    if (consumed < window / 2) {
      return 0;
    }
    long grown = Math.min(maxWindow, window + Math.min(window, Math.max(0, growthAllowance)));
    long delta = consumed + (grown - window);
    window = grown;
    consumed = 0;
    credit += delta;
    return delta;
  }

  long credit() {
    return credit;
  }

  long window() {
    return window;
  }
}
