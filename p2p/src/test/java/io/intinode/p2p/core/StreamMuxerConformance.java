package io.intinode.p2p.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intinode.p2p.testing.NoLeaks;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link StreamMuxer} must do; an implementation's test extends this and names the
 * muxer. Runs the sessions over {@link EmbeddedMuxerPair}, and over real event loops for the
 * blocking adapters.
 */
@ExtendWith(NoLeaks.class)
public abstract class StreamMuxerConformance {
  private static final long WAIT_SECONDS = 20;

  protected abstract StreamMuxer muxer();

  private EmbeddedMuxerPair pair;

  @BeforeEach
  void startPair() {
    pair = new EmbeddedMuxerPair(muxer());
  }

  @AfterEach
  void closePair() {
    pair.close();
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static <T> T done(CompletableFuture<T> f) throws Exception {
    assertThat(f).as("completed").isDone();
    return f.get();
  }

  @Test
  void openedStreamIsAcceptedAndCarriesDataBothWays() throws Exception {
    MuxedStream out = done(pair.dialer.openStream());
    RecordingListener outRec = new RecordingListener();
    out.setListener(outRec);
    CompletableFuture<Void> written = out.write(text("hello"));
    pair.pump();

    assertThat(written).isCompleted();
    assertThat(pair.acceptedByListener).hasSize(1);
    MuxedStream in = pair.acceptedByListener.getFirst();
    assertThat(in.id()).isEqualTo(out.id());
    assertThat(in.isOutbound()).isFalse();
    assertThat(out.isOutbound()).isTrue();
    RecordingListener inRec = new RecordingListener();
    in.setListener(inRec); // data that came before the listener is delivered now
    in.write(text("world"));
    pair.pump();

    assertThat(inRec.text()).isEqualTo("hello");
    assertThat(outRec.text()).isEqualTo("world");
    assertThat(pair.dialer.streamCount()).isEqualTo(1);
    inRec.release();
    outRec.release();
  }

  @Test
  void halfCloseEndsOneDirectionAndTheOtherGoesOn() throws Exception {
    MuxedStream out = done(pair.dialer.openStream());
    RecordingListener outRec = new RecordingListener();
    out.setListener(outRec);
    out.write(text("request"));
    CompletableFuture<Void> closed = out.closeWrite();
    pair.pump();
    assertThat(closed).isCompleted();

    MuxedStream in = pair.acceptedByListener.getFirst();
    RecordingListener inRec = new RecordingListener();
    in.setListener(inRec);
    assertThat(inRec.text()).isEqualTo("request");
    assertThat(inRec.remoteClosed).isTrue();
    assertThat(out.write(text("late"))).isCompletedExceptionally();

    in.write(text("response"));
    in.closeWrite();
    pair.pump();
    assertThat(outRec.text()).isEqualTo("response");
    assertThat(outRec.remoteClosed).isTrue();
    assertThat(out.closeFuture()).isCompleted();
    assertThat(in.closeFuture()).isCompleted();
    assertThat(pair.dialer.streamCount()).isZero();
    assertThat(pair.listener.streamCount()).isZero();
    inRec.release();
    outRec.release();
  }

  @Test
  void resetReachesTheRemoteAndEndsBothSides() throws Exception {
    MuxedStream out = done(pair.dialer.openStream());
    out.write(text("x"));
    pair.pump();
    MuxedStream in = pair.acceptedByListener.getFirst();
    RecordingListener inRec = new RecordingListener();
    in.setListener(inRec);

    out.reset();
    pair.pump();
    assertThat(inRec.reset).isInstanceOf(StreamResetException.class);
    assertThat(in.closeFuture()).isCompletedExceptionally();
    assertThat(out.closeFuture()).isCompletedExceptionally();
    assertThat(in.write(text("after reset"))).isCompletedExceptionally();
    assertThat(pair.listener.streamCount()).isZero();
    inRec.release();
  }

  @Test
  void pausedStreamHoldsDataUntilResumed() throws Exception {
    MuxedStream out = done(pair.dialer.openStream());
    out.write(text("a"));
    pair.pump();
    MuxedStream in = pair.acceptedByListener.getFirst();
    RecordingListener inRec = new RecordingListener();
    in.setListener(inRec);
    in.pauseReading();
    out.write(text("b"));
    out.closeWrite();
    pair.pump();
    assertThat(inRec.text()).isEqualTo("a");
    assertThat(inRec.remoteClosed).isFalse();

    in.resumeReading();
    assertThat(inRec.text()).isEqualTo("ab");
    assertThat(inRec.remoteClosed).isTrue();
    inRec.release();
  }

  @Test
  void pingMeasuresARoundTrip() throws Exception {
    CompletableFuture<Duration> rtt = pair.dialer.ping();
    pair.pump();
    assertThat(done(rtt).isNegative()).isFalse();
    CompletableFuture<Duration> back = pair.listener.ping();
    pair.pump();
    assertThat(back).isCompleted();
  }

  @Test
  void goAwayRefusesNewStreamsAndLetsOpenOnesFinish() throws Exception {
    MuxedStream out = done(pair.dialer.openStream());
    RecordingListener outRec = new RecordingListener();
    out.setListener(outRec);
    pair.pump();
    MuxedStream in = pair.acceptedByListener.getFirst();

    pair.listener.goAway();
    pair.pump();
    assertThat(pair.dialer.openStream()).isCompletedExceptionally();
    assertThat(pair.listener.openStream()).isCompletedExceptionally();
    in.write(text("still here"));
    pair.pump();
    assertThat(outRec.text()).isEqualTo("still here");

    in.setListener(new RecordingListener());
    in.closeWrite();
    out.closeWrite();
    pair.pump();
    assertThat(pair.listener.closeFuture()).as("closes once idle").isCompleted();
    assertThat(pair.listenerChannel.isOpen()).isFalse();
    outRec.release();
  }

  @Test
  void closingTheSessionResetsItsStreams() throws Exception {
    MuxedStream out = done(pair.dialer.openStream());
    RecordingListener outRec = new RecordingListener();
    out.setListener(outRec);
    CompletableFuture<Duration> ping = pair.dialer.ping();
    pair.dialer.close();
    pair.pump();
    assertThat(outRec.reset).isInstanceOf(StreamResetException.class);
    assertThat(ping).isCompletedExceptionally();
    assertThat(pair.dialer.closeFuture()).isCompleted();
    assertThat(pair.dialer.openStream()).isCompletedExceptionally();
    outRec.release();
  }

  @Test
  void manyConcurrentStreamsStayApart() throws Exception {
    int n = 100;
    MuxedStream[] outs = new MuxedStream[n];
    RecordingListener[] recs = new RecordingListener[n];
    for (int i = 0; i < n; i++) {
      outs[i] = done(pair.dialer.openStream());
      outs[i].write(text("stream " + i));
      outs[i].closeWrite();
    }
    pair.pump();
    assertThat(pair.acceptedByListener).hasSize(n);
    for (int i = 0; i < n; i++) {
      recs[i] = new RecordingListener();
      pair.acceptedByListener.get(i).setListener(recs[i]);
      assertThat(recs[i].text()).isEqualTo("stream " + i);
      assertThat(recs[i].remoteClosed).isTrue();
      recs[i].release();
    }
  }

  @Test
  void outputStreamSendsSmallWritesTogetherOnFlush() throws Exception {
    MuxedStream out = done(pair.dialer.openStream());
    OutputStream os = new MuxedStreamOutputStream(out);
    os.write("one ".getBytes(StandardCharsets.UTF_8));
    os.write("two".getBytes(StandardCharsets.UTF_8));
    pair.pump();
    MuxedStream in = pair.acceptedByListener.getFirst();
    RecordingListener rec = new RecordingListener();
    in.setListener(rec);
    assertThat(rec.text()).as("nothing before flush").isEmpty();
    os.flush();
    pair.pump();
    assertThat(rec.text()).isEqualTo("one two");
    os.close();
    pair.pump();
    assertThat(rec.remoteClosed).isTrue();
    rec.release();
  }

  @Test
  void outputStreamSendsARangeOfAFileAndRefusesOnePastItsEnd(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "0123456789");
    MuxedStream out = done(pair.dialer.openStream());
    MuxedStreamOutputStream os = new MuxedStreamOutputStream(out);
    try (FileChannel ch = FileChannel.open(file)) {
      os.writeFrom(ch, 2, 5);
      assertThatThrownBy(() -> os.writeFrom(ch, 8, 3)).isInstanceOf(EOFException.class);
    }
    os.flush();
    pair.pump();
    MuxedStream in = pair.acceptedByListener.getFirst();
    RecordingListener rec = new RecordingListener();
    in.setListener(rec);
    // The 2 bytes the file still had before its end went out: a caller that gets EOF resets the stream.
    assertThat(rec.text()).isEqualTo("2345689");
    os.close();
    rec.release();
  }

  @Test
  void blockingAdaptersRefuseToWaitOnTheEventLoop() throws Exception {
    // EmbeddedChannel runs everything on the calling thread, which is thus "the event loop".
    MuxedStream out = done(pair.dialer.openStream());
    InputStream in = new MuxedStreamInputStream(out);
    assertThatThrownBy(in::read).isInstanceOf(IllegalStateException.class).hasMessageContaining("event loop");
    in.close();
  }

  @Test
  void blockingAdaptersMoveMebibytesOnVirtualThreads() throws Exception {
    try (LoopbackSessions sessions = LoopbackSessions.start(muxer())) {
      MuxedSession session = sessions.client();
      MuxedStream stream = session.openStream().get(WAIT_SECONDS, TimeUnit.SECONDS);
      byte[] payload = new byte[8 << 20];
      new Random(42).nextBytes(payload);
      InputStream in = new MuxedStreamInputStream(stream, 1 << 20, Duration.ofSeconds(WAIT_SECONDS));
      CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
        try (OutputStream out = new MuxedStreamOutputStream(stream)) {
          out.write(payload);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, r -> Thread.ofVirtual().start(r));
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      long total = 0;
      byte[] buf = new byte[32 * 1024];
      for (int n; (n = in.read(buf)) >= 0; ) {
        md.update(buf, 0, n);
        total += n;
      }
      sent.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(total).isEqualTo(payload.length);
      assertThat(md.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(payload));
      stream.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
      session.close();
      session.closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
      sessions.server().closeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    }
  }

  @Test
  void callsAfterTheEventLoopStoppedFailAndFreeTheirBuffers() throws Exception {
    try (LoopbackSessions sessions = LoopbackSessions.start(muxer())) {
      MuxedStream stream = sessions.client().openStream().get(WAIT_SECONDS, TimeUnit.SECONDS);
      // A ping's answer comes after the server has read the stream's opening frame and the client its answer:
      // frames still in flight when the loops stop would stay unread in the local channels, never released.
      sessions.client().ping().get(WAIT_SECONDS, TimeUnit.SECONDS);
      sessions.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      ByteBuf late = text("too late");

      CompletableFuture<Void> written = stream.write(late);

      assertThat(written).isCompletedExceptionally(); // at once: nothing is left to run it
      assertThat(late.refCnt()).isZero();
      assertThat(stream.closeWrite()).isCompletedExceptionally();
      assertThat(sessions.client().openStream()).isCompletedExceptionally();
    }
  }

  /** A client and a server session over a local channel on real event loops (two threads). */
  private record LoopbackSessions(EventLoopGroup group, MuxedSession client, MuxedSession server)
      implements AutoCloseable {
    static LoopbackSessions start(StreamMuxer muxer) throws Exception {
      EventLoopGroup group = new DefaultEventLoopGroup(2);
      try {
        LocalAddress address = new LocalAddress("muxer-" + System.nanoTime());
        CompletableFuture<MuxedSession> serverSession = new CompletableFuture<>();
        // The listener echoes every stream through the blocking adapters on a virtual thread.
        new ServerBootstrap().group(group).channel(LocalServerChannel.class)
            .childHandler(new ChannelInitializer<LocalChannel>() {
              @Override
              protected void initChannel(LocalChannel ch) {
                serverSession.complete(muxer.start(ch, false, stream ->
                    Thread.ofVirtual().start(() -> echo(stream))));
              }
            })
            .bind(address).sync();
        Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
            .handler(new ChannelInitializer<LocalChannel>() {
              @Override
              protected void initChannel(LocalChannel ch) {}
            })
            .connect(address).sync().channel();
        MuxedSession session = CompletableFuture.supplyAsync(
            () -> muxer.start(client, true, MuxedStream::reset), client.eventLoop()).get();
        return new LoopbackSessions(group, session, serverSession.get(WAIT_SECONDS, TimeUnit.SECONDS));
      } catch (Exception | Error e) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        throw e;
      }
    }

    @Override
    public void close() throws InterruptedException {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private static void echo(MuxedStream stream) {
    try (InputStream in = new MuxedStreamInputStream(stream);
        OutputStream out = new MuxedStreamOutputStream(stream)) {
      in.transferTo(out);
    } catch (Exception e) {
      stream.reset();
    }
  }
}
