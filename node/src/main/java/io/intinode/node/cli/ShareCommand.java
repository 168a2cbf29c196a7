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
                + " to the running node at once. What 'on' announces is share-mode in the config: all (every"
                + " shareable blob; the default) or canonical (one public level of a signed manifest; recommended).",
                "'status' shows the mode, the manifest, the level announced and whether its class check passed, the"
                + " class counts, donor usage, the upload this month and which seeding gate is closed and why."})
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
                    JsonNode r = node("GET", "/v1/share");
                    if (r == null) {
                        out().println("share: " + (read(config) ? "on" : "off") + " (no node running; from " + config
                                + ")");
                    } else {
                        printStatus(r);
                    }
                }
                case "on", "off" -> {
                    ConfigFile.set(config, "share", action, NodeCommand.SINGLE_KEYS, NodeCommand.REPEATABLE_KEYS);
                    JsonNode state = node("POST", "/v1/share/" + action);
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

    /** What the running node reports: mode, level, class counts, donor usage, seeding gates. */
    private void printStatus(JsonNode r) {
        JsonNode s = r.path("status");
        PrintWriter out = out();
        out.println("share: " + (r.path("share").asBoolean() ? "on" : "off") + " (running node)");
        out.println("mode: " + s.path("mode").asText());
        if (!s.path("manifest").asText().isEmpty()) {
            out.println("manifest: " + s.path("manifest").asText());
        }
        out.println("level: " + s.path("level").asText() + (s.path("mode").asText().equals("canonical")
                && !s.path("level").asText().equals("none")
                ? (s.path("confirmed").asBoolean() ? " (class check passed)" : " (tentative: marker only)") : ""));
        if (s.path("mode").asText().equals("canonical")) {
            out.println("class: " + s.path("classGlobal").asInt() + " hosts on the DHT, " + s.path("classLan").asInt()
                    + " on the LAN (probed, this host included)");
        }
        out.println("announced: " + s.path("announcedGlobal").asInt() + " blobs globally, "
                + s.path("announcedLan").asInt() + " to the LAN only");
        if (s.path("holesMissing").asInt() > 0) {
            out.println("holes: " + s.path("holesMissing").asInt() + " blobs not fetched yet (nothing announced)");
        }
        JsonNode donor = s.path("donor");
        if (donor.isObject()) {
            out.println("donor: " + donor.path("blobs").asInt() + " of " + donor.path("capBlobs").asInt() + " blobs, "
                    + ByteSizeConverter.format(donor.path("bytes").asLong()) + " of "
                    + ByteSizeConverter.format(donor.path("capBytes").asLong()));
        }
        out.println("uploaded this month: " + ByteSizeConverter.format(s.path("uploadedThisMonth").asLong()));
        if (s.path("gatesClosed").isEmpty()) {
            out.println("uploads: allowed");
        }
        s.path("gatesClosed").forEach(g -> out.println("uploads paused: " + g.asText()));
        s.path("gateNotes").forEach(g -> out.println("note: " + g.asText()));
    }

    /** The running node's answer, or null when no node runs. */
    private JsonNode node(String method, String path) {
        try {
            return NodeClient.call(parent.dataDir(), HttpMethod.valueOf(method), path, Duration.ZERO);
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
