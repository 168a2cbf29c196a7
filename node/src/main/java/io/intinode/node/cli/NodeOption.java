package io.intinode.node.cli;

import picocli.CommandLine.Option;

/** The {@code --node auto|none} option of the commands that read or add blobs ({@code @Mixin NodeOption node;}). */
final class NodeOption {
    @Option(names = "--node", defaultValue = "auto", paramLabel = "auto|none",
            description = "auto: go through the running node (its cache, LAN and DHT peers, then webseeds), else"
                    + " standalone with a notice; none: standalone (this process opens the cache; webseeds only)."
                    + " Default: ${DEFAULT-VALUE}.")
    NodeMode mode;
}
