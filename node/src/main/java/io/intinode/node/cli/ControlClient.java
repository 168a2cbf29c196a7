package io.intinode.node.cli;

import io.intinode.node.daemon.ControlServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Sends one command to the running node's control socket and streams back its result lines. */
final class ControlClient {
    private ControlClient() {}

    /** Returns the node's exit code; each result line goes to {@code onLine}; the end text to {@code onEnd}. */
    static int call(Path dataDir, String command, Consumer<String> onLine, Consumer<String> onEnd) {
        Path socket = dataDir.resolve(ControlServer.SOCKET_NAME);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            PrintWriter out = new PrintWriter(Channels.newOutputStream(ch), true, StandardCharsets.UTF_8);
            out.println(command);
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("end ")) {
                    String[] parts = line.split(" ", 3);
                    onEnd.accept(parts.length > 2 ? parts[2] : "");
                    return Integer.parseInt(parts[1]);
                }
                onLine.accept(line);
            }
            throw new CliException(ExitCodes.FAILURE, "the node closed the control connection without an answer");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "no node is running with data dir " + dataDir
                    + " (start one with: intinode node)", e);
        }
    }
}
