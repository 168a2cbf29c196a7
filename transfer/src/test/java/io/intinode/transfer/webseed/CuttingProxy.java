package io.intinode.transfer.webseed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that forwards to a backend but drops its first connection after a given
 * number of response bytes: a broken download against a real server.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int backendPort;
    private final long cutAfter;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final AtomicInteger connections = new AtomicInteger();

    CuttingProxy(int backendPort, long cutAfter) throws IOException {
        this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.backendPort = backendPort;
        this.cutAfter = cutAfter;
        executor.submit(this::acceptLoop);
    }

    String url(String path) {
        return "http://127.0.0.1:" + listener.getLocalPort() + path;
    }

    private Void acceptLoop() throws IOException {
        while (!listener.isClosed()) {
            Socket client = listener.accept();
            boolean cut = connections.incrementAndGet() == 1;
            Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            executor.submit(() -> pump(client.getInputStream(), backend.getOutputStream(), Long.MAX_VALUE, client, backend));
            executor.submit(() -> pump(backend.getInputStream(), client.getOutputStream(),
                    cut ? cutAfter : Long.MAX_VALUE, client, backend));
        }
        return null;
    }

    private static Void pump(InputStream in, OutputStream out, long limit, Socket a, Socket b) throws IOException {
        try (a; b) {
            byte[] buf = new byte[8192];
            long sent = 0;
            int n;
            while (sent < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - sent))) > 0) {
                out.write(buf, 0, n);
                out.flush();
                sent += n;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        executor.shutdownNow();
    }
}
