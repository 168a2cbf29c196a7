package io.intinode.transfer.webseed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** An in-process HTTP server on 127.0.0.1 whose handlers misbehave on purpose. */
public final class FaultServer implements AutoCloseable {
    /** Handles one request; {@code n} counts requests to the same path from 1. */
    public interface Behaviour {
        void handle(HttpExchange exchange, int n) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Held by stalling handlers; released on close so that no handler outlives the test. */
    final CountDownLatch release = new CountDownLatch(1);
    /** "path range" of every request, in order ("-" when there was no Range header). */
    final List<String> requests = new CopyOnWriteArrayList<>();

    public FaultServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public FaultServer on(String path, Behaviour behaviour) {
        server.createContext(path, exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(path + " " + (range == null ? "-" : range));
            int n = (int) requests.stream().filter(r -> r.startsWith(path + " ")).count();
            try (exchange) {
                behaviour.handle(exchange, n);
            }
        });
        return this;
    }

    public List<String> requestsTo(String path) {
        return requests.stream().filter(r -> r.startsWith(path + " ")).map(r -> r.substring(path.length() + 1)).toList();
    }

    /** 200 with Content-Length and the given bytes. */
    public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Honours "Range: bytes=N-" with 206, else 200. */
    public static void serveWithRange(HttpExchange exchange, byte[] body) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range == null) {
            send(exchange, 200, body);
            return;
        }
        int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        byte[] rest = java.util.Arrays.copyOfRange(body, from, body.length);
        send(exchange, 206, rest);
    }

    /** Announces the whole body, sends {@code count} bytes, then drops the connection. */
    public static void sendPrefixAndBreak(HttpExchange exchange, byte[] body, int count) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, count);
        out.flush();
        throw new IOException("connection dropped on purpose");
    }

    /** Blocks the handler until the test ends (bounded, so no thread outlives a broken test). */
    public void stall() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
