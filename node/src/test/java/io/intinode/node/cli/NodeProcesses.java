package io.intinode.node.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code intinode node} in child JVMs on loopback, for the ITs that need several nodes. */
final class NodeProcesses {
    private NodeProcesses() {}

    /** Starts a node with its data in {@code data/name}; adds it to {@code started} for the caller to stop. */
    static Process start(Path data, List<Process> started, String name, String... extra) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.intinode.node.cli.Main", "--data-dir", data.resolve(name).toString(), "node",
                "--listen", "/ip4/127.0.0.1/tcp/0", "--no-mdns")); // mDNS only inside namespaces
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectError(data.resolve(name + ".err").toFile()).start();
        started.add(p);
        return p;
    }

    /** Stops every node in {@code started}, all at once (each stops cleanly in parallel); kills one not gone in 30 s. */
    static void stopAll(List<Process> started) throws InterruptedException {
        started.forEach(Process::destroy);
        for (Process p : started) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** GETs {@code path} from the API of the node with its data in {@code data/node}; fails unless 2xx. */
    static byte[] curl(Path data, String node, String path) throws Exception {
        Process p = curlProcess(data, node, path, "-f");
        byte[] body = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new AssertionError("curl " + path + " on node " + node + " exited " + p.exitValue());
        }
        return body;
    }

    /** Starts {@code curl} against the node's API socket; its stdout is the body (with {@code -f}, empty on 4xx). */
    static Process curlProcess(Path data, String node, String path, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--max-time", "60", "--unix-socket",
                data.resolve(node).resolve("api.sock").toString()));
        cmd.addAll(List.of(options));
        cmd.add("http://localhost" + path);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads lines until one starts with {@code prefix}; the caller's test timeout bounds the wait. */
    static String awaitLine(BufferedReader out, String prefix) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("node exited before printing a line starting with " + prefix);
    }
}
