package io.intinode.bench.p2p;

import io.intinode.p2p.core.MuxedStream;
import io.intinode.p2p.core.MuxedStreamInputStream;
import io.intinode.p2p.core.MuxedStreamOutputStream;
import io.intinode.p2p.host.Host;
import io.intinode.p2p.host.HostConfig;
import io.intinode.p2p.identity.Identity;
import io.intinode.p2p.multiaddr.Multiaddr;
import io.intinode.p2p.noise.NoiseTransport;
import io.intinode.p2p.yamux.YamuxMuxer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One stream Java to Java over TCP + Noise + yamux on loopback, against two baselines measured in
 * the same run: a plain socket copy, and ChaCha20-Poly1305 encryption alone on one thread (what
 * Noise must do to every byte, so the real limit on a small machine).
 *
 * <p>Usage: {@code bench/run p2p.P2pThroughput [MiB]} (default 1024). Each measurement follows a
 * warm-up run of an eighth of the size.
 */
public final class P2pThroughput {
  private static final String SINK = "/intinode/bench/sink/1.0.0";
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final int NOISE_PLAINTEXT_BYTES = 65535 - 16;
  private static final long WAIT_SECONDS = 600;

  private interface Run {
    void transfer(long bytes) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
    double cipher = measure(P2pThroughput::cipherAlone, bytes);
    double tcp = measure(P2pThroughput::rawTcp, bytes);
    double ours;
    try (HostPair pair = new HostPair()) {
      ours = measure(pair::transfer, bytes);
    }
    System.out.printf("one stream, %d MiB, loopback (MB/s = 10^6 bytes/s):%n", bytes >> 20);
    System.out.printf("  noise + yamux        : %8.0f MB/s%n", ours);
    System.out.printf("  raw TCP              : %8.0f MB/s   ratio %.2f%n", tcp, ours / tcp);
    System.out.printf("  ChaCha20-Poly1305    : %8.0f MB/s   ratio %.2f (encryption alone, one thread)%n",
        cipher, ours / cipher);
  }

  private static double measure(Run run, long bytes) throws Exception {
    run.transfer(bytes / 8);
    long start = System.nanoTime();
    run.transfer(bytes);
    return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
  }

  /** Seals {@code bytes} in Noise-sized frames with the JDK cipher Noise uses. */
  private static void cipherAlone(long bytes) throws Exception {
    Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
    SecretKeySpec key = new SecretKeySpec(new SecureRandom().generateSeed(32), "ChaCha20");
    ByteBuffer plain = ByteBuffer.allocateDirect(NOISE_PLAINTEXT_BYTES);
    ByteBuffer sealed = ByteBuffer.allocateDirect(NOISE_PLAINTEXT_BYTES + 16);
    byte[] nonce = new byte[12];
    for (long n = 0, done = 0; done < bytes; n++, done += NOISE_PLAINTEXT_BYTES) {
      ByteBuffer.wrap(nonce, 4, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(n);
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
      plain.clear();
      sealed.clear();
      cipher.doFinal(plain, sealed);
    }
  }

  /** Copies {@code bytes} through a loopback socket. */
  private static void rawTcp(long bytes) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
          return drain(in);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, r -> Thread.ofPlatform().start(r));
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
          OutputStream out = s.getOutputStream()) {
        fill(out, bytes);
      }
      check(received.get(WAIT_SECONDS, TimeUnit.SECONDS), bytes);
    }
  }

  /** Two hosts: the listener's sink protocol counts what one stream brings. */
  private static final class HostPair implements AutoCloseable {
    private final Host sender = host();
    private final Host receiver = host();
    private volatile CompletableFuture<Long> received;

    HostPair() {
      receiver.setHandler(SINK, (connection, stream) -> {
        try (InputStream in = new MuxedStreamInputStream(stream)) {
          received.complete(drain(in));
        }
        stream.closeWrite();
      });
    }

    void transfer(long bytes) throws Exception {
      received = new CompletableFuture<>();
      Multiaddr to = Multiaddr.parse(receiver.listenAddrs().getFirst() + "/p2p/" + receiver.peerId());
      MuxedStream stream = sender.newStream(to, List.of(SINK)).get(WAIT_SECONDS, TimeUnit.SECONDS);
      try (OutputStream out = new MuxedStreamOutputStream(stream)) {
        fill(out, bytes);
      }
      check(received.get(WAIT_SECONDS, TimeUnit.SECONDS), bytes);
    }

    @Override
    public void close() {
      sender.close();
      receiver.close();
    }

    private static Host host() {
      SecureRandom random = new SecureRandom();
      Identity identity = Identity.generate(random);
      return new Host(identity, HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))),
          new NoiseTransport(identity, random), new YamuxMuxer()).start();
    }
  }

  private static void fill(OutputStream out, long bytes) throws Exception {
    byte[] buf = new byte[BUFFER_BYTES];
    for (long left = bytes; left > 0; left -= buf.length) {
      out.write(buf, 0, (int) Math.min(buf.length, left));
    }
  }

  private static long drain(InputStream in) throws Exception {
    byte[] buf = new byte[BUFFER_BYTES];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      total += n;
    }
    return total;
  }

  private static void check(long received, long sent) {
    if (received != sent) {
      throw new IllegalStateException("received " + received + " of " + sent + " bytes");
    }
  }
}
