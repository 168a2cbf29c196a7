package io.intinode.p2p.core;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Two muxer sessions joined back to back over {@link EmbeddedChannel}s: everything runs on the test
 * thread, and {@link #pump()} moves bytes until both sides are quiet.
 */
public final class EmbeddedMuxerPair {
  public final EmbeddedChannel dialerChannel = new EmbeddedChannel();
  public final EmbeddedChannel listenerChannel = new EmbeddedChannel();
  public final List<MuxedStream> acceptedByDialer = new ArrayList<>();
  public final List<MuxedStream> acceptedByListener = new ArrayList<>();
  public final MuxedSession dialer;
  public final MuxedSession listener;

  public EmbeddedMuxerPair(StreamMuxer muxer) {
    dialer = muxer.start(dialerChannel, true, acceptedByDialer::add);
    listener = muxer.start(listenerChannel, false, acceptedByListener::add);
  }

  /** Delivers all pending bytes both ways, repeatedly, until neither side writes more. */
  public void pump() {
    for (int round = 0; round < 100_000; round++) {
      dialerChannel.runPendingTasks();
      listenerChannel.runPendingTasks();
      boolean moved = move(dialerChannel, listenerChannel) | move(listenerChannel, dialerChannel);
      if (!moved) {
        return;
      }
    }
    throw new AssertionError("the sessions never went quiet");
  }

  private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
    boolean moved = false;
    for (Object msg; (msg = from.readOutbound()) != null; ) {
      moved = true;
      if (to.isOpen()) {
        to.writeInbound((ByteBuf) msg);
      } else {
        ((ByteBuf) msg).release();
      }
    }
    return moved;
  }

  /** Closes both channels and releases anything left in them. */
  public void close() {
    pump();
    dialerChannel.finishAndReleaseAll();
    listenerChannel.finishAndReleaseAll();
  }
}
