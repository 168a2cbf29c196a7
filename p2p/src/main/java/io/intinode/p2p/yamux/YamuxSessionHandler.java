package io.intinode.p2p.yamux;

import io.intinode.p2p.core.MuxedSession;
import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.MuxerException;
import io.intinode.p2p.core.StreamResetException;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The yamux session on one connection: dispatches inbound frames to streams, opens and accepts
 * streams, answers pings, handles go-away, and enforces the stream cap. All state is touched on
 * the event loop only; API calls from other threads hop onto it.
 */
public final class YamuxSessionHandler extends ChannelDuplexHandler implements MuxedSession {
  private static final Logger log = LoggerFactory.getLogger(YamuxSessionHandler.class);

  private record PendingPing(long startNanos, CompletableFuture<Duration> rtt) {}

  private final YamuxConfig config;
  private final Consumer<MuxedStream> inbound;
  private final LongSupplier nanoClock;
  private final EventExecutor executor;
  private final Map<Long, YamuxStream> streams = new HashMap<>();
  private final Map<Long, PendingPing> pings = new HashMap<>();
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
  private ChannelHandlerContext ctx;
  private final StreamPolicy policy;
  private long nextPingId;
  private boolean localGoAway;
  private boolean closed;
  private MuxerException failure;

  public YamuxSessionHandler(
      YamuxConfig config,
      boolean initiator,
      Consumer<MuxedStream> inbound,
      EventExecutor executor,
      LongSupplier nanoClock) {
    this.config = config;
    this.executor = executor;
    this.inbound = inbound;
    this.nanoClock = nanoClock;
    this.policy = new StreamPolicy(config, initiator);
  }

  // ---- MuxedSession API (any thread)

  @Override
  public CompletableFuture<MuxedStream> openStream() {
    CompletableFuture<MuxedStream> result = new CompletableFuture<>();
    boolean queued = onLoop(() -> {
      try {
        YamuxStream stream = new YamuxStream(this, policy.openOutbound(), true, config);
        streams.put(stream.id(), stream);
        writeFrame(new YamuxFrame.WindowUpdate(stream.id(), YamuxFrame.SYN, stream.initialDelta()));
        result.complete(stream);
      } catch (MuxerException e) {
        result.completeExceptionally(e);
      }
    });
    if (!queued) {
      result.completeExceptionally(loopGone());
    }
    return result;
  }

  @Override
  public CompletableFuture<Duration> ping() {
    CompletableFuture<Duration> rtt = new CompletableFuture<>();
    boolean queued = onLoop(() -> {
      if (closed) {
        rtt.completeExceptionally(new MuxerException("session closed"));
        return;
      }
      long opaque = nextPingId++ & 0xFFFF_FFFFL;
      pings.put(opaque, new PendingPing(nanoClock.getAsLong(), rtt));
      writeFrame(new YamuxFrame.Ping(YamuxFrame.SYN, opaque));
      executor.schedule(() -> {
        PendingPing p = pings.remove(opaque);
        if (p != null) {
          p.rtt().completeExceptionally(new MuxerException("no ping answer in " + config.pingTimeout()));
        }
      }, config.pingTimeout().toNanos(), TimeUnit.NANOSECONDS);
    });
    if (!queued) {
      rtt.completeExceptionally(loopGone());
    }
    return rtt;
  }

  @Override
  public void goAway() {
    onLoop(() -> {
      if (!closed && !localGoAway) {
        localGoAway = true;
        policy.stopNewStreams();
        writeFrame(new YamuxFrame.GoAway(YamuxFrame.NORMAL));
        closeIfIdle();
      }
    });
  }

  @Override
  public void close() {
    onLoop(() -> closeWith(YamuxFrame.NORMAL));
  }

  @Override
  public CompletableFuture<Void> closeFuture() {
    return closeFuture;
  }

  @Override
  public int streamCount() {
    return streams.size(); // a racy read from other threads is fine for a gauge
  }

  // ---- Netty

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof YamuxFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (closed) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      switch (frame) {
        case YamuxFrame.Data d -> onStreamFrame(d.streamId(), d.flags(), d, 0);
        case YamuxFrame.WindowUpdate w -> onStreamFrame(w.streamId(), w.flags(), null, w.delta());
        case YamuxFrame.Ping p -> onPing(p);
        case YamuxFrame.GoAway g -> onGoAway(g);
      }
    } catch (YamuxException e) {
      fail(e);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c = cause;
    while (c != null && !(c instanceof YamuxException)) {
      c = c.getCause();
    }
    if (c instanceof YamuxException e) {
      fail(e);
    } else {
      log.warn("{}: closing the connection after an error", ctx.channel(), cause);
      failure = new MuxerException("connection failed", cause);
      closeWith(YamuxFrame.INTERNAL_ERROR);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    policy.stopNewStreams();
    MuxerException cause = failure != null ? failure : new StreamResetException("connection closed");
    for (YamuxStream s : new ArrayList<>(streams.values())) {
      s.terminate(new StreamResetException("connection closed", cause));
    }
    pings.values().forEach(p -> p.rtt().completeExceptionally(cause));
    pings.clear();
    if (failure != null) {
      closeFuture.completeExceptionally(failure);
    } else {
      closeFuture.complete(null);
    }
    ctx.fireChannelInactive();
  }

  // ---- frame handling (event loop)

  private void onStreamFrame(long id, int flags, YamuxFrame.Data data, long delta) {
    YamuxStream stream = streams.get(id);
    if ((flags & YamuxFrame.SYN) != 0) {
      if (stream != null) {
        release(data);
        throw YamuxException.protocol("SYN for stream " + id + ", which is already open");
      }
      try {
        stream = accept(id);
      } catch (YamuxException e) {
        release(data);
        throw e;
      }
      if (stream == null) {
        release(data);
        return;
      }
    }
    if (stream == null) {
      // Frames that crossed our RST or FIN on the wire; the stream is gone, nothing to do.
      release(data);
      return;
    }
    if (data != null) {
      stream.onData(data.content());
    } else if (delta > 0) {
      stream.onWindowUpdate(delta);
    }
    stream.onFrameFlags(flags);
  }

  /** A stream the remote opens; null if refused (it was reset). */
  private YamuxStream accept(long id) {
    if (!policy.admitInbound(id)) {
      writeFrame(new YamuxFrame.WindowUpdate(id, YamuxFrame.RST, 0));
      return null;
    }
    YamuxStream stream = new YamuxStream(this, id, false, config);
    streams.put(id, stream);
    writeFrame(new YamuxFrame.WindowUpdate(id, YamuxFrame.ACK, stream.initialDelta()));
    try {
      inbound.accept(stream);
    } catch (RuntimeException e) {
      log.warn("{}: inbound stream handler failed, resetting {}", ctx.channel(), stream, e);
      stream.reset();
    }
    return stream;
  }

  private void onPing(YamuxFrame.Ping ping) {
    if (ping.flags() == YamuxFrame.SYN) {
      writeFrame(new YamuxFrame.Ping(YamuxFrame.ACK, ping.opaque()));
      return;
    }
    PendingPing p = pings.remove(ping.opaque());
    if (p != null) {
      p.rtt().complete(Duration.ofNanos(nanoClock.getAsLong() - p.startNanos()));
    }
  }

  private void onGoAway(YamuxFrame.GoAway goAway) {
    policy.stopNewStreams();
    if (goAway.code() != YamuxFrame.NORMAL) {
      log.info("{}: remote went away with error code {}", ctx.channel(), goAway.code());
    }
  }

  private void fail(YamuxException e) {
    log.warn("{}: closing the connection: {}", ctx.channel(), e.getMessage());
    failure = e;
    closeWith(e.goAwayCode());
  }

  private void closeWith(long goAwayCode) {
    if (closed) {
      return;
    }
    closed = true;
    policy.stopNewStreams();
    ctx.writeAndFlush(new YamuxFrame.GoAway(goAwayCode)).addListener(ChannelFutureListener.CLOSE);
  }

  private void closeIfIdle() {
    if (localGoAway && streams.isEmpty()) {
      closeWith(YamuxFrame.NORMAL);
    }
  }

  private static void release(YamuxFrame.Data data) {
    if (data != null) {
      data.release();
    }
  }

  // ---- for streams (event loop)

  EventExecutor executor() {
    return executor;
  }

  int maxSendFrameBytes() {
    return config.maxSendFrameBytes();
  }

  ChannelFuture writeFrame(YamuxFrame frame) {
    return ctx.write(frame);
  }

  StreamPolicy policy() {
    return policy;
  }

  void removed(YamuxStream stream, boolean cleanly) {
    if (streams.remove(stream.id()) != null) {
      policy.closed(!stream.isOutbound(), cleanly, stream.receiveWindowBytes());
    }
    closeIfIdle();
  }

  /**
   * Runs {@code task} on the event loop, then flushes what it wrote. Returns false, having run nothing, when the
   * loop has shut down (the connection is gone): the caller then fails its future and frees its buffers.
   */
  boolean onLoop(Runnable task) {
    if (executor.inEventLoop()) {
      task.run();
      ctx.flush();
      return true;
    }
    try {
      executor.execute(() -> {
        task.run();
        ctx.flush();
      });
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Why a call from off the loop failed once the loop was gone. */
  static MuxerException loopGone() {
    return new MuxerException("the connection's event loop has stopped");
  }
}
