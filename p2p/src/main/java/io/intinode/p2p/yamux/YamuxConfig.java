package io.intinode.p2p.yamux;

import java.time.Duration;

/**
 * Yamux settings.
 *
 * @param initialWindowBytes receive window per stream at open (the spec's 256 KiB, or more)
 * @param maxWindowBytes the receive window grows up to this while the reader keeps up; also the
 *     largest data frame accepted
 * @param maxSessionWindowBytes the receive windows of all streams of a connection grow only while
 *     their sum stays below this, which bounds what a connection can make us buffer
 * @param maxSendFrameBytes largest data frame sent; the default lets header and payload fill one
 *     Noise transport frame (65535 bytes less the 16-byte tag)
 * @param maxStreams concurrent streams per connection, both directions; beyond it inbound streams
 *     are reset and outbound opens fail
 * @param maxAbortedStreams inbound streams refused (over the cap) or reset by the remote, in a row
 *     (no inbound stream closing cleanly in between), before the connection is closed as a flood;
 *     this also stops rapid open-and-reset cycles
 * @param pingTimeout how long {@code ping()} waits for the answer
 */
public record YamuxConfig(
    int initialWindowBytes,
    int maxWindowBytes,
    long maxSessionWindowBytes,
    int maxSendFrameBytes,
    int maxStreams,
    int maxAbortedStreams,
    Duration pingTimeout) {

  /** The window every stream starts with, before any window update (spec). */
  public static final int SPEC_INITIAL_WINDOW = 256 * 1024;

  public static final YamuxConfig DEFAULT =
      new YamuxConfig(
      SPEC_INITIAL_WINDOW, 16 << 20, 64L << 20, 65535 - 16 - 12, 512, 64, Duration.ofSeconds(15));

  public YamuxConfig {
    if (initialWindowBytes < SPEC_INITIAL_WINDOW || maxWindowBytes < initialWindowBytes) {
      throw new IllegalArgumentException(
          "need 256 KiB <= initialWindowBytes <= maxWindowBytes, got "
              + initialWindowBytes + ", " + maxWindowBytes);
    }
    if (maxSessionWindowBytes < maxWindowBytes) {
      throw new IllegalArgumentException("maxSessionWindowBytes must be at least maxWindowBytes");
    }
    if (maxSendFrameBytes <= 0 || maxStreams <= 0 || maxAbortedStreams < 0) {
      throw new IllegalArgumentException("frame size and stream cap must be positive");
    }
    if (pingTimeout.isNegative() || pingTimeout.isZero()) {
      throw new IllegalArgumentException("pingTimeout must be positive");
    }
  }
}
