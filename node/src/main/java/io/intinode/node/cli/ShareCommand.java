package io.intinode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.intinode.node.config.ConfigException;
import io.intinode.node.config.ConfigFile;
import io.netty.handler.codec.http.HttpMethod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code intinode share on|off|status}: whether this host announces its shareable blobs to peers. */
@Command(name = "share", mixinStandardHelpOptions = true,
        description = {"Turn sharing on or off, or show it. Sharing is off by default: the node then fetches from"
                + " peers but announces nothing. 'on' and 'off' are saved in <data-dir>/intinode.conf and applied"
                + " to the running node at once."})
public final class ShareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    IntinodeCommand parent;

    @Parameters(paramLabel = "on|off|status", description = "What to do.")
    String action;

    @Override
    public Integer call() {
        Path config = parent.dataDir().resolve("intinode.conf");
        try {
            switch (action) {
                case "status" -> {
                    String state = node("GET", "/v1/share");
                    out().println("share: " + (state != null ? state + " (running node)"
                            : (read(config) ? "on" : "off") + " (no node running; from " + config + ")"));
                }
                case "on", "off" -> {
                    ConfigFile.set(config, "share", action, NodeCommand.SINGLE_KEYS, NodeCommand.REPEATABLE_KEYS);
                    String state = node("POST", "/v1/share/" + action);
                    out().println("share: " + action + " (saved in " + config + (state != null
                            ? "; running node updated)" : "; applies when the node starts)"));
                }
                default -> throw new CliException(ExitCodes.USAGE, "want on, off or status, got: " + action);
            }
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "bad config: " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }

    private static boolean read(Path config) {
        return ConfigFile.load(config, NodeCommand.SINGLE_KEYS, NodeCommand.REPEATABLE_KEYS, false)
                .onOff("share", false);
    }

    /** The running node's share state after the request, or null when no node runs. */
    private String node(String method, String path) {
        try {
            JsonNode r = NodeClient.call(parent.dataDir(), HttpMethod.valueOf(method), path, Duration.ZERO);
            return r.path("share").asBoolean() ? "on" : "off";
        } catch (CliException e) {
            if (e.exitCode() == ExitCodes.UNREACHABLE) {
                return null;
            }
            throw e;
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
