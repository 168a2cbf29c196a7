package io.intinode.node.cli;

import io.netty.handler.codec.http.HttpMethod;
import java.io.PrintWriter;
import java.time.Duration;
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

    /** A provide is a full lookup plus one ADD_PROVIDER per closest peer. */
    private static final Duration PROVIDE_TIMEOUT = Duration.ofMinutes(1);

    @Parameters(paramLabel = "REF", description = "sha256:<hex> or a raw CIDv1 (bafkrei…).")
    String ref;

    @Override
    public Integer call() {
        String path = "/v1/providers/" + DhtCommand.digest(ref);
        int told = NodeClient.call(dht.parent.dataDir(), HttpMethod.POST, path, PROVIDE_TIMEOUT)
                .path("announcedTo").asInt();
        out().println(ref + ": announced to " + told + " peers");
        return ExitCodes.OK;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
