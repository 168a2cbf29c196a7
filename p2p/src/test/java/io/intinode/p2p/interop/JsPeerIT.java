package io.intinode.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interop peer itself works: two js peers talk through the commands the Java tests use. */
class JsPeerIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void twoJsPeersDialPingIdentifyAndEcho() {
    try (JsPeer a = JsPeer.start(); JsPeer b = JsPeer.start()) {
      assertThat(a.multiaddr()).startsWith("/ip4/127.0.0.1/tcp/").endsWith("/p2p/" + a.peerId());
      assertThat(a.protocols()).contains("/intinode/echo/1.0.0", "/ipfs/id/1.0.0", "/ipfs/ping/1.0.0");

      JsonNode dial = b.call("dial", Map.of("addr", a.multiaddr()), WAIT);
      assertThat(dial.path("peerId").asText()).isEqualTo(a.peerId());
      assertThat(b.call("ping", Map.of("addr", a.multiaddr()), WAIT).path("rttMillis").asDouble())
          .isGreaterThanOrEqualTo(0);
      JsonNode id = b.call("identify", Map.of("peer", a.peerId()), WAIT);
      assertThat(id.path("listenAddrs").toString()).contains(a.multiaddr().replaceAll("/p2p/.*", ""));
      JsonNode echo = b.call("echo", Map.of("addr", a.multiaddr(), "streams", 3, "bytes", 100_000), WAIT);
      assertThat(echo.path("streams").asInt()).isEqualTo(3);
    }
  }

  @Test
  void refusesToDialBeyondLoopback() {
    try (JsPeer a = JsPeer.start()) {
      assertThatThrownBy(() -> a.call("ping", Map.of("addr", "/ip4/192.0.2.1/tcp/4001"), WAIT))
          .hasMessageContaining("only 127.0.0.1");
    }
  }
}
