package io.intinode.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.intinode.p2p.core.MuxedSession;
import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multistream.Dialer;
import io.intinode.p2p.multistream.MultistreamHandler;
import io.intinode.p2p.multistream.NegotiatedStream;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.yamux.YamuxMuxer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our yamux against js-libp2p's, over a hand-wired TCP + Noise + multistream stack: Java dials the
 * js peer and echoes through it. Stands in until the Host exists; then JsInteropIT covers this.
 */
class YamuxJsInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ECHO = "/intinode/echo/1.0.0";

  private static EventLoopGroup group;
  private static JsPeer js;
  private static MuxedSession session;

  @BeforeAll
  static void connect() throws Exception {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    js = JsPeer.start();
    String[] parts = js.multiaddr().split("/"); // /ip4/127.0.0.1/tcp/PORT/p2p/ID
    NoiseTransport noise = new NoiseTransport(Identity.generate(new SecureRandom()), new SecureRandom());
    YamuxMuxer yamux = new YamuxMuxer();
    CompletableFuture<MuxedSession> muxed = new CompletableFuture<>();
    Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel c) {
            c.pipeline().addLast(new MultistreamHandler(new Dialer(List.of(noise.protocolId())),
                // The muxer's negotiation starts once the handshake handler is gone; js sends
                // nothing before our multistream header, so no plaintext can be missed.
                (ctx, p) -> noise.secure(c, true, Optional.of(PeerId.parse(parts[6])), s -> {})
                    .thenRunAsync(() -> c.pipeline().addLast(
                        new MultistreamHandler(new Dialer(List.of(yamux.protocolId())),
                            (ctx2, p2) -> muxed.complete(yamux.start(c, true, MuxedStream::reset)))),
                        c.eventLoop())
                    .whenComplete((r, e) -> { if (e != null) muxed.completeExceptionally(e); })));
          }
        })
        .connect("127.0.0.1", Integer.parseInt(parts[4])).sync().channel();
    session = muxed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(ch.isActive()).isTrue();
  }

  @AfterAll
  static void close() throws Exception {
    if (session != null) {
      session.close();
    }
    if (js != null) {
      js.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private static byte[] echo(byte[] payload) throws Exception {
    MuxedStream raw = session.openStream().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    MuxedStream stream = NegotiatedStream.negotiate(raw, new Dialer(List.of(ECHO)), WAIT)
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    InputStream in = new MuxedStreamInputStream(stream, 1 << 20, WAIT);
    Thread writer = Thread.ofVirtual().start(() -> {
      try (OutputStream out = new MuxedStreamOutputStream(stream)) {
        out.write(payload);
      } catch (Exception e) {
        stream.reset();
      }
    });
    byte[] back = in.readAllBytes();
    writer.join(WAIT);
    return back;
  }

  @Test
  void pingsTheJsYamux() throws Exception {
    assertThat(session.ping().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isLessThan(WAIT);
  }

  @Test
  void echoesTenMebibytes() throws Exception {
    byte[] payload = new byte[10 << 20];
    new Random(1).nextBytes(payload);
    long start = System.nanoTime();
    byte[] back = echo(payload);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(MessageDigest.getInstance("SHA-256").digest(back))
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(payload));
    System.err.printf("yamux java->js echo 10 MiB each way: %.1f MiB/s%n", 20 / seconds);
  }

  @Test
  void runsAHundredConcurrentStreams() throws Exception {
    List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      byte[] payload = ("stream " + i + " ").repeat(1000).getBytes();
      echoes.add(CompletableFuture.supplyAsync(() -> {
        try {
          byte[] back = echo(payload);
          assertThat(back).isEqualTo(payload);
          return back;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, r -> Thread.ofVirtual().start(r)));
    }
    CompletableFuture.allOf(echoes.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(session.streamCount()).isLessThanOrEqualTo(100);
  }
}
