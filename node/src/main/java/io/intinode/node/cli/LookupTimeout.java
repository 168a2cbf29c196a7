package io.intinode.node.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code --timeout} of the DHT lookup commands. */
final class LookupTimeout {
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = DhtCommand.DurationConverter.class, description = "Give up after this, e.g. 500ms, 5s, 2m"
                    + " (default 5s).")
    Duration value;
}
