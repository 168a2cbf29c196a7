package io.intinode.node.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
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
