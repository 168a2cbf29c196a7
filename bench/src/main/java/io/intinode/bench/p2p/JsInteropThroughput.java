package io.intinode.bench.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.ping.PingProtocol;
import io.intinode.p2p.yamux.YamuxMuxer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Echo throughput between our host and js-libp2p (interop/js/peer.mjs) on loopback, against js
 * talking to js in the same run as the baseline. The js peer dials, sends N bytes on one stream,
 * half-closes, and times until all came back; the figure counts both directions. A 32 MiB run
 * first warms the JVM up.
 *
 * <p>Usage: {@code bench/run p2p.JsInteropThroughput [MiB]} (default 100).
 */
public final class JsInteropThroughput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
  private static final String ECHO = "/intinode/echo/1.0.0";
  private static final long WARMUP_BYTES = 32 << 20;

  public static void main(String[] args) throws Exception {
    long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 100) << 20;
    Path js = jsDir();
    SecureRandom random = new SecureRandom();
    Identity identity = Identity.generate(random);
    try (Host host = new Host(identity, HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
        new NoiseTransport(identity, random), new YamuxMuxer()).start()) {
      PingProtocol.install(host); // js-libp2p drops connections whose pings fail
      host.setHandler(ECHO, (connection, stream) -> {
        try (InputStream in = new MuxedStreamInputStream(stream);
            OutputStream out = new MuxedStreamOutputStream(stream)) {
          in.transferTo(out);
        }
      });
      String javaAddr = host.listenAddrs().getFirst() + "/p2p/" + host.peerId();
      echoFrom(js, javaAddr, WARMUP_BYTES); // lets the JIT compile the hot paths first
      double javaJs = echoFrom(js, javaAddr, bytes);

      Process listener = node(js);
      try {
        BufferedReader lines = reader(listener);
        String ready = lines.readLine();
        if (ready == null) {
          throw new IllegalStateException("js listener exited before it was ready");
        }
        double jsJs = echoFrom(js, JSON.readTree(ready).path("addrs").path(0).asText(), bytes);
        System.out.printf("echo of %d MiB each way on one stream, loopback, Noise + yamux:%n", bytes >> 20);
        System.out.printf("  java <-> js : %7.1f MiB/s%n", javaJs);
        System.out.printf("  js <-> js   : %7.1f MiB/s (baseline, same run)%n", jsJs);
        System.out.printf("  ratio       : %7.2f%n", javaJs / jsJs);
      } finally {
        listener.getOutputStream().close(); // the peer exits when its stdin closes
        if (!listener.waitFor(10, TimeUnit.SECONDS)) {
          listener.destroyForcibly();
        }
      }
    }
  }

  /** Runs a js peer that dials {@code addr}, echoes {@code bytes}, and returns its MiB/s. */
  private static double echoFrom(Path js, String addr, long bytes) throws Exception {
    Process p = node(js, "--dial", addr, "--streams", "1", "--bytes", Long.toString(bytes));
    Thread.ofVirtual().start(() -> { // bounds the run even if the peer hangs
      try {
        if (!p.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    });
    try {
      List<String> seen = new ArrayList<>();
      BufferedReader lines = reader(p);
      for (String line; (line = lines.readLine()) != null; ) {
        seen.add(line);
        JsonNode n = JSON.readTree(line);
        if (n.path("id").asText().equals("echo")) {
          if (!n.path("ok").asBoolean()) {
            throw new IllegalStateException("echo failed: " + n.path("error").asText());
          }
          return n.path("mibPerSecond").asDouble();
        }
      }
      throw new IllegalStateException("js peer gave no echo result: " + seen);
    } finally {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private static Process node(Path js, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("node", "peer.mjs"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(js.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private static Path jsDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("interop/js/node_modules"))) {
        return dir.resolve("interop/js");
      }
    }
    throw new IllegalStateException("interop/js/node_modules not found: run scripts/test-deps first");
  }
}
