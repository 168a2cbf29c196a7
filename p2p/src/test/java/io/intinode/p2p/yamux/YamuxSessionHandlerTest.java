package io.intinode.p2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.p2p.core.EmbeddedMuxerPair;
import io.intinode.p2p.core.MuxedSession;
import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.RecordingListener;
import io.intinode.p2p.testing.NoLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Yamux specifics: windows, caps, floods and bad frames, seen on the wire. */
@ExtendWith(NoLeaks.class)
class YamuxSessionHandlerTest {
  private static final int KIB = 1024;

  /** One session on an EmbeddedChannel, driven by raw frames. */
  private static final class Wire {
    final EmbeddedChannel channel = new EmbeddedChannel();
    final List<MuxedStream> accepted = new ArrayList<>();
    final MuxedSession session;

    Wire(YamuxConfig config, boolean initiator) {
      session = new YamuxMuxer(config).start(channel, initiator, accepted::add);
    }

    void send(YamuxFrame frame) {
      EmbeddedChannel encoder = new EmbeddedChannel(new YamuxFrameEncoder());
      encoder.writeOutbound(frame);
      for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
        if (channel.isOpen()) {
          channel.writeInbound(b);
        } else {
          b.release();
        }
      }
    }

    /** The frames the session wrote; data payloads are released, their sizes kept. */
    List<Object> written() {
      EmbeddedChannel decoder = new EmbeddedChannel(new YamuxFrameDecoder(Integer.MAX_VALUE));
      for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
        decoder.writeInbound(b);
      }
      List<Object> frames = new ArrayList<>();
      for (Object f; (f = decoder.readInbound()) != null; ) {
        if (f instanceof YamuxFrame.Data d) {
          frames.add("data " + d.streamId() + " flags " + d.flags() + " bytes " + d.content().readableBytes());
          d.release();
        } else {
          frames.add(f);
        }
      }
      return frames;
    }

    void close() {
      channel.finishAndReleaseAll();
    }
  }

  private static ByteBuf bytes(int n) {
    return Unpooled.wrappedBuffer(new byte[n]);
  }

  @Test
  void answersKeepAlivePings() {
    Wire w = new Wire(YamuxConfig.DEFAULT, true);
    w.send(new YamuxFrame.Ping(YamuxFrame.SYN, 0xDEADBEEFL));
    assertThat(w.written()).containsExactly(new YamuxFrame.Ping(YamuxFrame.ACK, 0xDEADBEEFL));
    w.close();
  }

  @Test
  void acknowledgesAnInboundStreamAndNumbersItsOwnByRole() throws Exception {
    Wire w = new Wire(YamuxConfig.DEFAULT, false);
    w.send(new YamuxFrame.WindowUpdate(1, YamuxFrame.SYN, 0));
    MuxedStream ours = w.session.openStream().get();
    assertThat(ours.id()).isEqualTo(2);
    assertThat(w.written()).containsExactly(
        new YamuxFrame.WindowUpdate(1, YamuxFrame.ACK, 0),
        new YamuxFrame.WindowUpdate(2, YamuxFrame.SYN, 0));
    assertThat(w.accepted).extracting(MuxedStream::id).containsExactly(1L);
    w.close();
  }

  @Test
  void neverSendsMoreThanTheRemoteWindow() throws Exception {
    Wire w = new Wire(YamuxConfig.DEFAULT, true);
    MuxedStream s = w.session.openStream().get();
    CompletableFuture<Void> sent = s.write(bytes(600 * KIB));
    assertThat(dataBytes(w.written())).isEqualTo(256 * KIB);
    assertThat(sent).isNotDone();

    w.send(new YamuxFrame.WindowUpdate(1, YamuxFrame.ACK, 100 * KIB));
    assertThat(dataBytes(w.written())).isEqualTo(100 * KIB);
    w.send(new YamuxFrame.WindowUpdate(1, 0, 1 << 20));
    assertThat(dataBytes(w.written())).isEqualTo(244 * KIB);
    assertThat(sent).isCompleted();
    w.close();
  }

  @Test
  void receiveWindowGrowsWhileTheReaderKeepsUp() {
    EmbeddedMuxerPair pair = new EmbeddedMuxerPair(new YamuxMuxer());
    MuxedStream out = pair.dialer.openStream().join();
    out.write(bytes(1));
    pair.pump();
    MuxedStream in = pair.acceptedByListener.getFirst();
    RecordingListener rec = new RecordingListener();
    in.setListener(rec);
    out.write(bytes((32 << 20) - 1));
    pair.pump();
    assertThat(rec.received.readableBytes()).isEqualTo(32 << 20);

    // Now a stalled reader: the sender may have a full grown window in flight, far above 256 KiB.
    rec.received.clear();
    in.pauseReading();
    pair.pump();
    out.write(bytes(64 << 20));
    pair.pump();
    // What the muxer held for the paused reader is what the remote could send unasked: between
    // half and all of the grown 16 MiB window.
    in.resumeReading();
    assertThat(rec.received.readableBytes()).isBetween(8 << 20, 16 << 20);
    pair.pump();
    assertThat(rec.received.readableBytes()).isEqualTo(64 << 20);
    rec.release();
    pair.close();
  }

  @Test
  void receiveWindowsOfAllStreamsStayWithinTheSessionBudget() {
    YamuxConfig config = new YamuxConfig(256 * KIB, 8 << 20, 9 << 20, 64 * KIB, 8, 8, Duration.ofSeconds(1));
    Wire w = new Wire(config, true);
    List<RecordingListener> readers = new ArrayList<>();
    for (long id = 2; id <= 6; id += 2) {
      w.send(new YamuxFrame.WindowUpdate(id, YamuxFrame.SYN, 0));
      RecordingListener rec = new RecordingListener();
      w.accepted.getLast().setListener(rec);
      readers.add(rec);
    }
    long[] credit = {0, 256 * KIB, 256 * KIB, 256 * KIB};
    // Each stream sends whatever it is granted, for a while; grants are read off the wire.
    for (int round = 0; round < 40; round++) {
      for (int i = 1; i <= 3; i++) {
        w.send(new YamuxFrame.Data(2L * i, 0, bytes((int) credit[i])));
        credit[i] = 0;
      }
      for (Object f : w.written()) {
        if (f instanceof YamuxFrame.WindowUpdate u) {
          credit[(int) u.streamId() / 2] += u.delta();
        }
      }
    }
    // Windows are 256 KiB each at first, then grow: together never past 9 MiB.
    long outstanding = credit[1] + credit[2] + credit[3];
    assertThat(outstanding).isGreaterThan(3 << 20).isLessThanOrEqualTo(9 << 20);
    readers.forEach(RecordingListener::release);
    w.close();
  }

  @Test
  void dataBeyondTheWindowIsAProtocolError() {
    Wire w = new Wire(YamuxConfig.DEFAULT, true);
    w.send(new YamuxFrame.WindowUpdate(2, YamuxFrame.SYN, 0));
    w.send(new YamuxFrame.Data(2, 0, bytes(256 * KIB + 1)));
    assertThat(w.written()).endsWith(new YamuxFrame.GoAway(YamuxFrame.PROTOCOL_ERROR));
    assertThat(w.channel.isOpen()).isFalse();
    assertThat(w.session.closeFuture()).isCompletedExceptionally();
    w.close();
  }

  @Test
  void malformedBytesCloseTheConnectionWithAProtocolError() {
    Wire w = new Wire(YamuxConfig.DEFAULT, true);
    MuxedStream s = w.session.openStream().join();
    RecordingListener rec = new RecordingListener();
    s.setListener(rec);
    w.written();
    w.channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}));
    assertThat(w.written()).containsExactly(new YamuxFrame.GoAway(YamuxFrame.PROTOCOL_ERROR));
    assertThat(w.channel.isOpen()).isFalse();
    assertThat(rec.reset).isNotNull();
    rec.release();
    w.close();
  }

  @Test
  void remoteMayNotUseOurStreamIdsOrReuseOld() {
    Wire w = new Wire(YamuxConfig.DEFAULT, true);
    w.send(new YamuxFrame.WindowUpdate(3, YamuxFrame.SYN, 0));
    assertThat(w.written()).containsExactly(new YamuxFrame.GoAway(YamuxFrame.PROTOCOL_ERROR));
    w.close();

    Wire again = new Wire(YamuxConfig.DEFAULT, true);
    again.send(new YamuxFrame.WindowUpdate(4, YamuxFrame.SYN, 0));
    again.send(new YamuxFrame.WindowUpdate(2, YamuxFrame.SYN, 0));
    assertThat(again.written()).endsWith(new YamuxFrame.GoAway(YamuxFrame.PROTOCOL_ERROR));
    again.close();
  }

  @Test
  void streamsBeyondTheCapAreResetAndAFloodClosesTheConnection() {
    YamuxConfig config = new YamuxConfig(256 * KIB, 1 << 20, 1 << 20, 64 * KIB, 2, 3, Duration.ofSeconds(1));
    Wire w = new Wire(config, true);
    for (int id = 2; id <= 6; id += 2) {
      w.send(new YamuxFrame.WindowUpdate(id, YamuxFrame.SYN, 0));
    }
    assertThat(w.written()).containsExactly(
        new YamuxFrame.WindowUpdate(2, YamuxFrame.ACK, 0),
        new YamuxFrame.WindowUpdate(4, YamuxFrame.ACK, 0),
        new YamuxFrame.WindowUpdate(6, YamuxFrame.RST, 0));
    assertThat(w.session.openStream()).isCompletedExceptionally();
    assertThat(w.accepted).hasSize(2);

    for (int id = 8; id <= 12; id += 2) {
      w.send(new YamuxFrame.Data(id, YamuxFrame.SYN, bytes(10)));
    }
    assertThat(w.written()).containsExactly(
        new YamuxFrame.WindowUpdate(8, YamuxFrame.RST, 0),
        new YamuxFrame.WindowUpdate(10, YamuxFrame.RST, 0),
        new YamuxFrame.GoAway(YamuxFrame.PROTOCOL_ERROR));
    assertThat(w.channel.isOpen()).isFalse();
    w.close();
  }

  @Test
  void rapidOpenAndResetIsAFlood() {
    YamuxConfig config = new YamuxConfig(256 * KIB, 1 << 20, 1 << 20, 64 * KIB, 8, 3, Duration.ofSeconds(1));
    Wire w = new Wire(config, true);
    for (long id = 2; id <= 8; id += 2) {
      w.send(new YamuxFrame.WindowUpdate(id, YamuxFrame.SYN, 0));
      w.send(new YamuxFrame.WindowUpdate(id, YamuxFrame.RST, 0));
    }
    assertThat(w.written()).endsWith(new YamuxFrame.GoAway(YamuxFrame.PROTOCOL_ERROR));
    assertThat(w.channel.isOpen()).isFalse();
    w.close();
  }

  @Test
  void aCleanlyClosedStreamForgivesEarlierRefusals() {
    YamuxConfig config = new YamuxConfig(256 * KIB, 1 << 20, 1 << 20, 64 * KIB, 1, 1, Duration.ofSeconds(1));
    Wire w = new Wire(config, true);
    for (int round = 0; round < 5; round++) {
      long id = 2 + 4L * round;
      w.send(new YamuxFrame.WindowUpdate(id, YamuxFrame.SYN, 0));
      w.send(new YamuxFrame.WindowUpdate(id + 2, YamuxFrame.SYN, 0)); // refused: over the cap
      MuxedStream s = w.accepted.getLast();
      s.setListener(new RecordingListener());
      s.closeWrite();
      w.send(new YamuxFrame.WindowUpdate(id, YamuxFrame.FIN, 0));
    }
    assertThat(w.channel.isOpen()).isTrue();
    assertThat(w.session.streamCount()).isZero();
    w.close();
  }

  @Test
  void pingTimesOutWithoutAnAnswer() {
    Wire w = new Wire(new YamuxConfig(256 * KIB, 1 << 20, 1 << 20, 64 * KIB, 8, 8, Duration.ofMillis(1)), true);
    CompletableFuture<Duration> rtt = w.session.ping();
    assertThat(w.written()).containsExactly(new YamuxFrame.Ping(YamuxFrame.SYN, 0));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!rtt.isDone() && System.nanoTime() < deadline) {
      w.channel.runScheduledPendingTasks();
      Thread.onSpinWait();
    }
    assertThat(rtt).isCompletedExceptionally();
    w.close();
  }

  private static long dataBytes(List<Object> frames) {
    return frames.stream().filter(String.class::isInstance)
        .mapToLong(f -> Long.parseLong(((String) f).replaceAll(".* bytes ", ""))).sum();
  }
}
