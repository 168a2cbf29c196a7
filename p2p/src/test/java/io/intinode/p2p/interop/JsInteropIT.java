package io.intinode.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.core.StreamResetException;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identify.IdentifyInfo;
import io.intinode.p2p.identify.IdentifyService;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.ping.PingProtocol;
import io.intinode.p2p.testing.NoLeaks;
import io.intinode.p2p.upgrade.Connection;
import io.intinode.p2p.yamux.YamuxMuxer;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our host against js-libp2p (interop/js), both ways: Java dials one js peer, a second js peer
 * dials Java. Each way: Noise + yamux connection, identify seen by both sides, ping, a 10 MiB echo
 * each way and 100 concurrent echo streams.
 */
@ExtendWith(NoLeaks.class)
class JsInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String ECHO = "/intinode/echo/1.0.0";
  private static final String READ = "/intinode/test/read/1.0.0";
  private static final List<String> OUR_PROTOCOLS =
      List.of(ECHO, READ, IdentifyService.PROTOCOL_ID, PingProtocol.PROTOCOL_ID);

  private static Host host;
  private static IdentifyService identify;
  private static JsPeer dialedByJava;
  private static JsPeer dialingJava;
  private static final CompletableFuture<Throwable> readOutcome = new CompletableFuture<>();

  @BeforeAll
  static void start() {
    SecureRandom random = new SecureRandom();
    Identity identity = Identity.generate(random);
    host = new Host(identity, HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
        new NoiseTransport(identity, random), new YamuxMuxer()).start();
    identify = IdentifyService.install(host);
    PingProtocol.install(host);
    host.setHandler(ECHO, (connection, stream) -> echo(stream));
    host.setHandler(READ, (connection, stream) -> {
      try (InputStream in = new MuxedStreamInputStream(stream, 1 << 20, WAIT)) {
        in.readAllBytes();
        readOutcome.complete(null);
      } catch (Exception e) {
        readOutcome.complete(e);
      }
    });
    dialedByJava = JsPeer.start();
    dialingJava = JsPeer.start();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {dialedByJava, dialingJava, host}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void echo(MuxedStream stream) throws Exception {
    try (InputStream in = new MuxedStreamInputStream(stream, 1 << 20, WAIT);
        OutputStream out = new MuxedStreamOutputStream(stream)) {
      in.transferTo(out);
    }
  }

  private static String javaAddr() {
    return host.listenAddrs().getFirst() + "/p2p/" + host.peerId();
  }

  private static String withoutPeer(String multiaddr) {
    return multiaddr.replaceAll("/p2p/.*", "");
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  // ---- Java dials js

  @Test
  void javaDialsJs_connectsAndEachSideIdentifiesTheOther() throws Exception {
    Multiaddr js = Multiaddr.parse(dialedByJava.multiaddr());
    Connection c = await(host.connect(js));
    assertThat(c.remotePeer()).isEqualTo(PeerId.parse(dialedByJava.peerId()));
    assertThat(c.initiator()).isTrue();

    IdentifyInfo theirs = await(identify.future(c.remotePeer()));
    assertThat(theirs.protocols()).containsAll(dialedByJava.protocols());
    assertThat(theirs.listenAddrs()).extracting(Multiaddr::toString)
        .contains(withoutPeer(dialedByJava.multiaddr()));

    JsonNode ours = dialedByJava.call("identify", Map.of("peer", host.peerId().toString()), WAIT);
    assertThat(strings(ours.path("protocols"))).containsAll(OUR_PROTOCOLS);
    assertThat(strings(ours.path("listenAddrs"))).contains(withoutPeer(javaAddr()));
  }

  @Test
  void javaDialsJs_pings() {
    List<Duration> rtts = PingProtocol.ping(host, Multiaddr.parse(dialedByJava.multiaddr()), 3, WAIT);
    assertThat(rtts).hasSize(3).allSatisfy(rtt -> assertThat(rtt).isLessThan(WAIT));
  }

  @Test
  void javaDialsJs_echoesTenMebibytes() throws Exception {
    byte[] payload = new byte[10 << 20];
    new Random(7).nextBytes(payload);
    byte[] back = echoThroughJs(payload);
    assertThat(back.length).isEqualTo(payload.length);
    assertThat(sha256(back)).isEqualTo(sha256(payload));
  }

  @Test
  void javaDialsJs_runsAHundredConcurrentStreams() throws Exception {
    List<CompletableFuture<Void>> streams = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      byte[] payload = ("stream " + i + ";").repeat(2000).getBytes();
      streams.add(CompletableFuture.runAsync(() -> {
        try {
          assertThat(echoThroughJs(payload)).isEqualTo(payload);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, r -> Thread.ofVirtual().start(r)));
    }
    await(CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)));
    assertThat(host.connections()).filteredOn(c -> c.remotePeer().toString().equals(dialedByJava.peerId()))
        .as("all streams share one connection").hasSize(1);
  }

  private static byte[] echoThroughJs(byte[] payload) throws Exception {
    MuxedStream stream = await(host.newStream(Multiaddr.parse(dialedByJava.multiaddr()), List.of(ECHO)));
    CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
      try (OutputStream out = new MuxedStreamOutputStream(stream)) {
        out.write(payload);
      } catch (Exception e) {
        stream.reset();
        throw new IllegalStateException(e);
      }
    }, r -> Thread.ofVirtual().start(r));
    try (InputStream in = new MuxedStreamInputStream(stream, 1 << 20, WAIT)) {
      byte[] back = in.readAllBytes();
      await(sent);
      return back;
    }
  }

  // ---- js dials Java

  @Test
  void jsDialsJava_connectsAndEachSideIdentifiesTheOther() throws Exception {
    JsonNode dial = dialingJava.call("dial", Map.of("addr", javaAddr()), WAIT);
    assertThat(dial.path("peerId").asText()).isEqualTo(host.peerId().toString());

    JsonNode ours = dialingJava.call("identify", Map.of("peer", host.peerId().toString()), WAIT);
    assertThat(strings(ours.path("protocols"))).containsAll(OUR_PROTOCOLS);
    assertThat(strings(ours.path("listenAddrs"))).contains(withoutPeer(javaAddr()));

    PeerId js = PeerId.parse(dialingJava.peerId());
    IdentifyInfo theirs = await(identify.future(js));
    assertThat(theirs.protocols()).containsAll(dialingJava.protocols());
    assertThat(theirs.listenAddrs()).extracting(Multiaddr::toString)
        .contains(withoutPeer(dialingJava.multiaddr()));
    assertThat(host.connection(js)).hasValueSatisfying(c -> assertThat(c.initiator()).isFalse());
  }

  @Test
  void jsDialsJava_pings() {
    JsonNode ping = dialingJava.call("ping", Map.of("addr", javaAddr()), WAIT);
    assertThat(ping.path("rttMillis").asDouble()).isBetween(0.0, (double) WAIT.toMillis());
  }

  @Test
  void jsDialsJava_echoesTenMebibytes() {
    JsonNode echo = dialingJava.call("echo", Map.of("addr", javaAddr(), "streams", 1, "bytes", 10 << 20), WAIT);
    assertThat(echo.path("bytes").asLong()).isEqualTo(10 << 20);
  }

  @Test
  void jsDialsJava_runsAHundredConcurrentStreams() {
    JsonNode echo = dialingJava.call("echo", Map.of("addr", javaAddr(), "streams", 100, "bytes", 20_000), WAIT);
    assertThat(echo.path("streams").asInt()).isEqualTo(100);
  }

  @Test
  void jsDialsJava_resetReachesTheJavaReader() throws Exception {
    dialingJava.call("abort", Map.of("addr", javaAddr(), "protocol", READ, "bytes", 1000), WAIT);
    assertThat(await(readOutcome)).isNotNull().hasRootCauseInstanceOf(StreamResetException.class);
    JsonNode ping = dialingJava.call("ping", Map.of("addr", javaAddr()), WAIT);
    assertThat(ping.path("ok").asBoolean()).as("the connection outlives the stream").isTrue();
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
