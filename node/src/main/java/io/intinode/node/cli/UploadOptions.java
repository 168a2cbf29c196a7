package io.intinode.node.cli;

import io.intinode.node.config.ConfigFile;
import io.intinode.transfer.blob.UploadConfig;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options of {@code intinode node} that limit what it uploads to peers. Each has a config key of the same
 * name ({@code upload-rate} is read with the seeding keys); an option given on the command line wins.
 */
final class UploadOptions {
    /** The config keys read here; {@code upload-rate} belongs to {@link ShareConfig}. */
    static final Set<String> KEYS = Set.of("upload-slots", "upload-slots-per-peer");
    /** The smallest burst: a few ranges' worth, so a low cap still lets a request through in one piece. */
    private static final long MIN_BURST_BYTES = 64 << 10;

    @Option(names = "--upload-slots", paramLabel = "N",
            description = "Requests from peers (chunk lists and ranges) served at once, over all peers (default "
                    + "16).")
    Integer slots;

    @Option(names = "--upload-slots-per-peer", paramLabel = "N",
            description = "Of those, at most N for one peer, so no peer takes them all (default 4).")
    Integer slotsPerPeer;

    @Option(names = "--upload-rate", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Upload bandwidth cap in bytes per second over all peers, e.g. 5M (default: none).")
    Long rate;

    /**
     * The limits: the options, else the config file, else the defaults.
     *
     * @param configuredRate {@code upload-rate} from the config file (0 when unset)
     */
    UploadConfig limits(ConfigFile config, long configuredRate) {
        int max = slots != null ? slots : count(config, "upload-slots", UploadConfig.DEFAULTS.maxUploads());
        int perPeer = slotsPerPeer != null ? slotsPerPeer
                : count(config, "upload-slots-per-peer", UploadConfig.DEFAULTS.maxUploadsPerPeer());
        long bytesPerSecond = rate != null ? rate : configuredRate;
        // A capped node may burst about one second's worth, so the cap holds from the first bytes.
        long burst = bytesPerSecond == 0 ? UploadConfig.DEFAULTS.uploadBurstBytes()
                : Math.clamp(bytesPerSecond, MIN_BURST_BYTES, UploadConfig.DEFAULTS.uploadBurstBytes());
        try {
            return new UploadConfig(max, perPeer, bytesPerSecond, burst, UploadConfig.DEFAULTS.slotWait());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "upload slots must be at least 1 and the rate at least 0: "
                    + e.getMessage(), e);
        }
    }

    private static int count(ConfigFile config, String key, int fallback) {
        List<String> v = config.all(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.getFirst());
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "bad config: " + config.path() + ": " + key
                    + ": not a number: " + v.getFirst(), e);
        }
    }
}
