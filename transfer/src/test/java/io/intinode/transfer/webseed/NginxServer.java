package io.intinode.transfer.webseed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian nginx-light) serving a directory on 127.0.0.1 with Range support, for
 * integration tests. Workers run as root because JUnit temp dirs are 0700.
 */
public final class NginxServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path work;

    private NginxServer(Process process, int port, Path work) {
        this.process = process;
        this.port = port;
        this.work = work;
    }

    /** Starts nginx serving {@code root}; {@code work} holds its config, logs and temp files. */
    public static NginxServer start(Path root, Path work) throws IOException, InterruptedException {
        return start(root, work, 0);
    }

    /** As {@link #start(Path, Path)}, sending each response at most {@code bytesPerSecond} (0: no limit). */
    public static NginxServer start(Path root, Path work, long bytesPerSecond)
            throws IOException, InterruptedException {
        Files.createDirectories(work.resolve("tmp"));
        int port = freePort();
        String conf = """
                user root; daemon off; worker_processes 1; pid %1$s/nginx.pid; error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http { access_log %1$s/access.log; client_body_temp_path %1$s/tmp/b; proxy_temp_path %1$s/tmp/p;
                  fastcgi_temp_path %1$s/tmp/f; uwsgi_temp_path %1$s/tmp/u; scgi_temp_path %1$s/tmp/s;
                  default_type application/octet-stream;
                  server { listen 127.0.0.1:%2$d; root %3$s; limit_rate %4$d; } }
                """.formatted(work, port, root.toAbsolutePath(), bytesPerSecond);
        Path confFile = Files.writeString(work.resolve("nginx.conf"), conf);
        Process process = new ProcessBuilder(binary(), "-c", confFile.toString(), "-p", work + "/")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("stdout.log").toFile())
                .start();
        NginxServer server = new NginxServer(process, port, work);
        server.awaitListening();
        return server;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    /** Lines nginx logged for requests, in order. */
    public String accessLog() throws IOException {
        return Files.readString(work.resolve("access.log"));
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(work.resolve("stdout.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                process.waitFor(20, TimeUnit.MILLISECONDS); // bounded wait on the process, not a sleep
            }
        }
        close();
        throw new IOException("nginx did not listen on port " + port + " within " + STARTUP);
    }

    /** Debian installs nginx in /usr/sbin, which is not on every user's PATH. */
    private static String binary() {
        Path sbin = Path.of("/usr/sbin/nginx");
        return Files.isExecutable(sbin) ? sbin.toString() : "nginx";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: nginx stops its workers and exits
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
