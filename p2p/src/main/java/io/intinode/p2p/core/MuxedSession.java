package io.intinode.p2p.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One multiplexed connection. Methods are thread-safe and never block; futures complete on the
 * connection's event loop, so continuations that block must hop to another executor.
 */
public interface MuxedSession {

  /**
   * Opens an outbound stream. Fails with {@link MuxerException} when the session is closed, the
   * remote sent go-away, or the cap on concurrent streams is reached.
   */
  CompletableFuture<MuxedStream> openStream();

  /** Round-trip time of one muxer-level ping. */
  CompletableFuture<Duration> ping();

  /**
   * Tells the remote that no new streams will be accepted or opened; streams already open run on.
   * The connection closes once the last stream ends.
   */
  void goAway();

  /** Resets every stream and closes the connection at once. */
  void close();

  /** Completes when the connection is closed; exceptionally when it ended with an error. */
  CompletableFuture<Void> closeFuture();

  /** Number of streams neither fully closed nor reset. */
  int streamCount();
}
