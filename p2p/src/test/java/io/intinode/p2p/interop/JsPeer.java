package io.intinode.p2p.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The js-libp2p peer of interop/js/peer.mjs as a child process: started, awaited until it prints
 * its "ready" line, then driven by JSON commands on its stdin. Every wait is bounded.
 */
public final class JsPeer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final OutputStream stdin;
  private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();
  private final AtomicLong nextId = new AtomicLong();
  private final JsonNode ready;

  private JsPeer(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread.ofVirtual().name("js-peer-stdout").start(this::readLines);
    try {
      this.ready = awaitEvent(e -> e.path("event").asText().equals("ready"), START_WAIT);
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Starts the peer listening on 127.0.0.1; its stderr goes to target/js-peer.log. */
  public static JsPeer start() {
    Path dir = peerDir();
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      throw new IllegalStateException(
          dir.resolve("node_modules") + " is missing: run scripts/test-deps (npm ci) first");
    }
    try {
      Path log = Path.of("target", "js-peer.log").toAbsolutePath();
      Files.createDirectories(log.getParent());
      Process p = new ProcessBuilder("node", "peer.mjs")
          .directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      return new JsPeer(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node for the js-libp2p peer", e);
    }
  }

  /** The peer's id, {@code 12D3KooW...}. */
  public String peerId() {
    return ready.path("peerId").asText();
  }

  /** Its listen address, ending in {@code /p2p/<id>}. */
  public String multiaddr() {
    return ready.path("addrs").path(0).asText();
  }

  public List<String> protocols() {
    List<String> list = new ArrayList<>();
    ready.path("protocols").forEach(n -> list.add(n.asText()));
    return list;
  }

  /** Runs one command and returns its answer; fails if the peer reports an error. */
  public JsonNode call(String cmd, Map<String, Object> args, Duration timeout) {
    String id = Long.toString(nextId.incrementAndGet());
    ObjectNode request = JSON.valueToTree(args);
    request.put("id", id).put("cmd", cmd);
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      synchronized (stdin) {
        stdin.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
      }
      JsonNode result = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (!result.path("ok").asBoolean()) {
        throw new AssertionError("js peer: " + cmd + " failed: " + result.path("error").asText());
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("js peer's stdin is closed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new AssertionError("js peer: " + cmd + " got no answer", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("js peer: no answer to " + cmd + " in " + timeout);
    } finally {
      pending.remove(id);
    }
  }

  /** Waits for an event line (e.g. {"event":"identify",...}) that matches, seen before or later. */
  public JsonNode awaitEvent(Predicate<JsonNode> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (events) {
      while (true) {
        for (JsonNode e : events) {
          if (match.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive()) {
          throw new AssertionError("js peer: no matching event in " + timeout
              + (process.isAlive() ? "" : " (it exited; see target/js-peer.log)") + "; saw " + events);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(events, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private void readLines() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        JsonNode node = JSON.readTree(line);
        if (node.has("id")) {
          CompletableFuture<JsonNode> f = pending.get(node.get("id").asText());
          if (f != null) {
            f.complete(node);
          }
        } else {
          synchronized (events) {
            events.add(node);
            events.notifyAll();
          }
        }
      }
    } catch (IOException e) {
      pending.values().forEach(f -> f.completeExceptionally(e));
    } finally {
      IOException gone = new IOException("js peer exited");
      pending.values().forEach(f -> f.completeExceptionally(gone));
      synchronized (events) {
        events.notifyAll();
      }
    }
  }

  /** Asks the peer to exit, then kills it if it has not within a few seconds. */
  @Override
  public void close() {
    try {
      stdin.close(); // the peer exits when its stdin closes
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** interop/js under the repository root, found from the module's working directory. */
  static Path peerDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("interop/js/peer.mjs");
      if (Files.isRegularFile(candidate)) {
        return candidate.getParent();
      }
    }
    throw new IllegalStateException("interop/js/peer.mjs not found above " + Path.of("").toAbsolutePath());
  }
}
