package io.intinode.p2p.yamux;

import io.intinode.p2p.core.MuxedSession;
import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.MuxerException;
import io.intinode.p2p.core.StreamResetException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One yamux stream. Public methods hop to the event loop; everything else runs on it. Its life:
 * open (after SYN sent or received) → each side half-closes with FIN → closed once FIN went both
 * ways; RST from either side, or the connection closing, ends it at once.
 */
final class YamuxStream implements MuxedStream {
  private static final Logger log = LoggerFactory.getLogger(YamuxStream.class);

  private record Write(ByteBuf data, CompletableFuture<Void> done) {}

  private final YamuxSessionHandler session;
  private final long id;
  private final boolean outbound;
  private final ReceiveWindow receiveWindow;
  private final ArrayDeque<Write> writes = new ArrayDeque<>();
  private final ArrayDeque<ByteBuf> received = new ArrayDeque<>();
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
  private long sendWindow = YamuxConfig.SPEC_INITIAL_WINDOW;
  private Listener listener;
  private boolean paused;
  private boolean delivering;
  private CompletableFuture<Void> finRequested;
  private boolean finSent;
  private boolean remoteFin;
  private boolean remoteFinDelivered;
  private MuxerException resetCause;
  private boolean resetDelivered;

  YamuxStream(YamuxSessionHandler session, long id, boolean outbound, YamuxConfig config) {
    this.session = session;
    this.id = id;
    this.outbound = outbound;
    this.receiveWindow = new ReceiveWindow(config.initialWindowBytes(), config.maxWindowBytes());
  }

  // ---- MuxedStream API (any thread)

  @Override
  public long id() {
    return id;
  }

  @Override
  public boolean isOutbound() {
    return outbound;
  }

  @Override
  public MuxedSession session() {
    return session;
  }

  @Override
  public EventExecutor executor() {
    return session.executor();
  }

  @Override
  public void setListener(Listener listener) {
    session.onLoop(() -> {
      this.listener = listener;
      deliver();
    });
  }

  @Override
  public void pauseReading() {
    session.onLoop(() -> paused = true);
  }

  @Override
  public void resumeReading() {
    session.onLoop(() -> {
      paused = false;
      deliver();
    });
  }

  @Override
  public CompletableFuture<Void> write(ByteBuf data) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    boolean queued = session.onLoop(() -> {
      if (resetCause != null || finRequested != null) {
        data.release();
        done.completeExceptionally(resetCause != null
            ? resetCause : new StreamResetException("stream " + id + " is closed for writing"));
        return;
      }
      writes.add(new Write(data, done));
      drain();
    });
    if (!queued) {
      data.release();
      done.completeExceptionally(YamuxSessionHandler.loopGone());
    }
    return done;
  }

  @Override
  public CompletableFuture<Void> closeWrite() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    boolean queued = session.onLoop(() -> {
      if (resetCause != null) {
        done.completeExceptionally(resetCause);
      } else if (finRequested != null) {
        finRequested.whenComplete((v, e) -> complete(done, e));
      } else {
        finRequested = done;
        drain();
      }
    });
    if (!queued) {
      done.completeExceptionally(YamuxSessionHandler.loopGone());
    }
    return done;
  }

  @Override
  public void reset() {
    session.onLoop(() -> {
      if (resetCause == null && !closeFuture.isDone()) {
        session.writeFrame(new YamuxFrame.WindowUpdate(id, YamuxFrame.RST, 0));
        resetDelivered = true; // the listener is told only of resets it did not ask for
        terminate(new StreamResetException("stream " + id + " reset locally"));
      }
    });
  }

  @Override
  public CompletableFuture<Void> closeFuture() {
    return closeFuture;
  }

  @Override
  public String toString() {
    return "yamux stream " + id;
  }

  // ---- called by the session, on the event loop

  long receiveWindowBytes() {
    return receiveWindow.window();
  }

  /** Window delta to announce in our SYN or ACK. */
  long initialDelta() {
    return receiveWindow.initialDelta();
  }

  void onFrameFlags(int flags) {
    if ((flags & YamuxFrame.RST) != 0) {
      boolean open = !closeFuture.isDone();
      terminate(new StreamResetException("stream " + id + " reset by the remote"));
      if (open && !outbound) {
        session.policy().resetByRemote();
      }
    } else if ((flags & YamuxFrame.FIN) != 0 && !remoteFin) {
      remoteFin = true;
      deliver();
      closeIfDone();
    }
  }

  void onData(ByteBuf payload) {
    int n = payload.readableBytes();
    if (resetCause != null || remoteFin) {
      payload.release(); // late data after our reset or a FIN: nobody reads it any more
      return;
    }
    if (!receiveWindow.receive(n)) {
      payload.release();
      throw YamuxException.protocol("stream " + id + ": " + n + " bytes exceed the receive window of "
          + receiveWindow.credit());
    }
    if (n == 0) {
      payload.release();
      return;
    }
    received.add(payload);
    deliver();
  }

  void onWindowUpdate(long delta) {
    sendWindow += delta;
    drain();
  }

  /** Ends the stream without sending anything: reset, or the connection is gone. */
  void terminate(MuxerException cause) {
    if (closeFuture.isDone()) {
      return;
    }
    resetCause = cause;
    writes.forEach(w -> {
      w.data().release();
      w.done().completeExceptionally(cause);
    });
    writes.clear();
    received.forEach(ByteBuf::release);
    received.clear();
    if (finRequested != null && !finRequested.isDone()) {
      finRequested.completeExceptionally(cause);
    }
    closeFuture.completeExceptionally(cause);
    session.removed(this, false);
    deliver();
  }

  // ---- internals

  private void drain() {
    while (!writes.isEmpty() && sendWindow > 0) {
      Write w = writes.peek();
      ByteBuf data = w.data();
      int n = (int) Math.min(Math.min(data.readableBytes(), sendWindow), session.maxSendFrameBytes());
      ChannelFuture written = session.writeFrame(new YamuxFrame.Data(id, 0, data.readRetainedSlice(n)));
      sendWindow -= n;
      if (!data.isReadable()) {
        writes.poll();
        data.release();
        written.addListener(f -> complete(w.done(), f.cause()));
      }
    }
    if (writes.isEmpty() && finRequested != null && !finSent) {
      finSent = true;
      CompletableFuture<Void> done = finRequested;
      session.writeFrame(new YamuxFrame.WindowUpdate(id, YamuxFrame.FIN, 0))
          .addListener(f -> complete(done, f.cause()));
      closeIfDone();
    }
  }

  private void deliver() {
    if (delivering || listener == null) {
      return;
    }
    delivering = true;
    try {
      while (listener != null && !paused && !received.isEmpty()) {
        ByteBuf data = received.poll();
        long before = receiveWindow.window();
        long grant = receiveWindow.consume(data.readableBytes(), session.policy().windowAllowance());
        session.policy().windowGrew(receiveWindow.window() - before);
        if (grant > 0 && !remoteFin) {
          session.writeFrame(new YamuxFrame.WindowUpdate(id, 0, grant));
        }
        call(() -> listener.onData(this, data));
      }
      if (listener != null && received.isEmpty() && remoteFin && !remoteFinDelivered
          && resetCause == null) {
        remoteFinDelivered = true;
        call(() -> listener.onRemoteClose(this));
      }
      if (listener != null && resetCause != null && !resetDelivered) {
        resetDelivered = true;
        Listener l = listener;
        call(() -> l.onReset(this, resetCause));
      }
    } finally {
      delivering = false;
    }
  }

  /** A listener that throws breaks only its own stream. */
  private void call(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      log.warn("{}: listener failed, resetting the stream", this, e);
      reset();
    }
  }

  private void closeIfDone() {
    if (finSent && remoteFin && !closeFuture.isDone()) {
      closeFuture.complete(null);
      session.removed(this, true);
    }
  }

  private static void complete(CompletableFuture<Void> f, Throwable cause) {
    if (cause == null) {
      f.complete(null);
    } else {
      f.completeExceptionally(cause instanceof MuxerException m ? m
          : new StreamResetException("write failed: " + cause.getMessage(), cause));
    }
  }
}
