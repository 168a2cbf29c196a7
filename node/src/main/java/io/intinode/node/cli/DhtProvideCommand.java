package io.intinode.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code intinode dht provide REF}. */
@Command(name = "provide", mixinStandardHelpOptions = true,
        description = "Announce that the running node provides a blob (republished until the node stops).")
public final class DhtProvideCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    DhtCommand dht;

    @Parameters(paramLabel = "REF", description = "sha256:<hex> or a raw CIDv1 (bafkrei…).")
    String ref;

    @Override
    public Integer call() {
        String key = DhtCommand.keyHex(ref);
        return ControlClient.call(dht.parent.dataDir(), "provide " + key, out()::println,
                text -> out().println(ref + ": " + text));
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
