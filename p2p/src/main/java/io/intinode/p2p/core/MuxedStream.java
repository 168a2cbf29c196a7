package io.intinode.p2p.core;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CompletableFuture;

/**
 * One bidirectional stream of a {@link MuxedSession}; protocols (multistream-select first) run on
 * it. Methods are thread-safe and never block. {@link Listener} callbacks run on {@link
 * #executor()}, one at a time and in order.
 *
 * <p>Backpressure, inbound: the receive window is granted back to the remote only for bytes
 * delivered to a listener while reading is not paused. {@link #pauseReading()} stops delivery;
 * what arrives meanwhile is held by the muxer, bounded by the window. Outbound: a write future
 * completes only once the bytes went to the connection, which waits for the remote's window.
 */
public interface MuxedStream {

  /** Stream events, called on {@link #executor()}. */
  interface Listener {
    /** Inbound bytes; the listener owns {@code data} and must release it. */
    void onData(MuxedStream stream, ByteBuf data);

    /** The remote half-closed: no more data will arrive. */
    default void onRemoteClose(MuxedStream stream) {}

    /**
     * The stream ended abnormally: reset by the remote, or the connection went away. Called at most
     * once; nothing is delivered afterwards.
     */
    default void onReset(MuxedStream stream, MuxerException cause) {}
  }

  /** The muxer's stream id, unique within the session. */
  long id();

  /** True when this side opened the stream. */
  boolean isOutbound();

  MuxedSession session();

  /** The event loop that runs listener callbacks and completes futures. */
  EventExecutor executor();

  /**
   * Sets the receiver of inbound events, replacing any previous one (e.g. multistream-select hands
   * over to the negotiated protocol). Data that arrived while no listener was set is delivered to
   * it first, then a pending remote close or reset.
   */
  void setListener(Listener listener);

  /** Stops delivering data and granting window until {@link #resumeReading()}. */
  void pauseReading();

  void resumeReading();

  /**
   * Queues {@code data} (ownership passes to the stream). Completes when written to the
   * connection; fails with {@link StreamResetException} if the stream is reset first.
   */
  CompletableFuture<Void> write(ByteBuf data);

  /** Half-closes: sends FIN after queued data. Reading goes on until the remote closes. */
  CompletableFuture<Void> closeWrite();

  /** Aborts both directions at once; queued data is dropped. Idempotent. */
  void reset();

  /** Completes when both sides closed; exceptionally with the cause when reset. */
  CompletableFuture<Void> closeFuture();
}
