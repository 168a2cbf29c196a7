package io.intinode.node.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code intinode peers}: the running node's connections and routing table size. */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "List the running node's connected peers (LAN or not) and its DHT routing table size.")
public final class PeersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    IntinodeCommand parent;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        List<String> rows = new ArrayList<>();
        String[] table = {""};
        int code = ControlClient.call(parent.dataDir(), "peers", line -> {
            String[] p = line.split(" ", 4); // connected <id> lan|wan <addr>
            rows.add(json ? "{\"peer\":\"" + p[1] + "\",\"lan\":" + p[2].equals("lan") + ",\"addr\":\"" + p[3] + "\"}"
                    : p[1] + " " + p[2] + " " + p[3]);
        }, text -> table[0] = text.replace("table ", ""));
        if (json) {
            out().println("{\"routingTable\":" + table[0] + ",\"connected\":[" + String.join(",", rows) + "]}");
        } else {
            rows.forEach(out()::println);
            out().println("routing table: " + table[0] + " peers");
        }
        return code;
    }

    /** {@code {"peer":…,"addrs":[…]}}; peer ids and multiaddrs need no JSON escaping. */
    static String jsonPeer(String id, String commaAddrs) {
        List<String> addrs = new ArrayList<>();
        for (String a : commaAddrs.isEmpty() ? new String[0] : commaAddrs.split(",")) {
            addrs.add("\"" + a + "\"");
        }
        return "{\"peer\":\"" + id + "\",\"addrs\":[" + String.join(",", addrs) + "]}";
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
