package io.intinode.node.cli;

import io.intinode.p2p.multiformats.Cid;
import io.intinode.store.Digest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code intinode dht}: asks the running node's DHT. */
@Command(name = "dht", mixinStandardHelpOptions = true,
        description = "Ask the running node's DHT: announce a blob, find who provides one, find a peer.",
        subcommands = {DhtProvideCommand.class, DhtFindProvidersCommand.class, DhtFindPeerCommand.class})
public final class DhtCommand {
    @ParentCommand
    IntinodeCommand parent;

    /** A blob reference, {@code sha256:<hex>} or a raw CIDv1, as its digest. */
    static Digest digest(String ref) {
        try {
            return ref.startsWith(Digest.PREFIX) ? Digest.parse(ref) : Cid.parse(ref).toDigest();
        } catch (IllegalArgumentException e) { // MultiformatException is one
            throw new CliException(ExitCodes.BAD_INPUT, "not a blob reference (sha256:<hex> or a raw CIDv1): "
                    + ref + " (" + e.getMessage() + ")", e);
        }
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value);
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("not a duration like 500ms, 5s, 2m or 48h: " + value);
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
    }
}
