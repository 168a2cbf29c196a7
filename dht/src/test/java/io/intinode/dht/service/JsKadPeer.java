package io.intinode.dht.service;

import io.intinode.p2p.identity.PeerId;
import io.intinode.p2p.multiaddr.Multiaddr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The js-libp2p kad-dht peer of {@code interop/js-kad} as a child process, driven by JSON lines. */
final class JsKadPeer implements AutoCloseable {
    static final Path DIR = Path.of("..", "interop", "js-kad").toAbsolutePath().normalize();
    private static final Pattern PEER_ID = Pattern.compile("\"peerId\":\"([^\"]+)\"");
    private static final Pattern ADDR = Pattern.compile("\"addrs\":\\[\"([^\"]+)\"");

    private final Process process;
    private final Writer stdin;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final PeerId peerId;
    final Multiaddr addr;
    private int nextId;

    /** Whether {@code npm ci} has been run for the peer (the tests skip otherwise). */
    static boolean installed() {
        return Files.isDirectory(DIR.resolve("node_modules/@libp2p/kad-dht"));
    }

    JsKadPeer(Path stderr) throws IOException, InterruptedException {
        process = new ProcessBuilder("node", "kad-peer.mjs").directory(DIR.toFile())
                .redirectError(stderr.toFile()).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().name("js-kad-stdout").start(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("{\"closed\":\"" + e.getMessage() + "\"}");
            }
        });
        String ready = next(30);
        peerId = PeerId.parse(group(PEER_ID, ready));
        addr = Multiaddr.parse(group(ADDR, ready));
    }

    /** Sends a command (JSON fields without the id) and returns its answer line; fails on an error answer. */
    synchronized String call(String cmd, String fields, int timeoutSeconds) throws IOException, InterruptedException {
        int id = ++nextId;
        stdin.write("{\"id\":" + id + ",\"cmd\":\"" + cmd + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}\n");
        stdin.flush();
        while (true) {
            String line = next(timeoutSeconds);
            if (line.startsWith("{\"id\":" + id + ",")) {
                if (!line.contains("\"ok\":true")) {
                    throw new AssertionError("js peer failed " + cmd + ": " + line);
                }
                return line;
            }
        }
    }

    private String next(int timeoutSeconds) throws InterruptedException {
        String line = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("js peer said nothing for " + timeoutSeconds + " s");
        }
        return line;
    }

    private static String group(Pattern p, String line) {
        Matcher m = p.matcher(line);
        if (!m.find()) {
            throw new AssertionError("unexpected js peer line: " + line);
        }
        return m.group(1);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
