package io.intinode.node.cli;

import io.intinode.node.config.ConfigException;
import io.intinode.node.config.ConfigFile;
import io.intinode.node.privacy.DonorConfig;
import io.intinode.node.privacy.PrivacyConfig;
import io.intinode.node.privacy.ShareMode;
import io.intinode.node.privacy.canon.ManifestException;
import io.intinode.node.privacy.canon.PublisherKey;
import io.intinode.node.seeding.GateConfig;
import io.intinode.node.share.ManifestRef;
import io.intinode.node.share.ShareSettings;
import io.intinode.store.Digest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sharing and seeding keys of the node config file, mapped onto {@link ShareSettings} and
 * {@link GateConfig}. {@code share = on|off} is the switch that {@code intinode share on|off} writes;
 * {@code share-mode} says what "on" means: with {@code share = off} nothing is shared whatever the mode, with
 * {@code share = on} and no mode the node shares {@code all} (as before modes existed), and a mode alone
 * applies as given.
 */
final class ShareConfig {
    static final Set<String> SINGLE_KEYS = Set.of("share-mode", "share-profile", "share-manifest",
            "share-office-manifest", "share-k", "share-office-k", "share-hole-budget", "share-interval", "share-join-window", "share-donate",
            "share-donate-blobs", "share-donate-bytes", "upload-monthly-cap", "upload-rate", "upload-hours",
            "upload-on-battery", "upload-on-metered");
    static final Set<String> REPEATABLE_KEYS = Set.of("share-publisher-key", "share-manifest-url",
            "share-office-manifest-url", "share-deny", "share-deny-package", "lan-peer");

    private ShareConfig() {}

    /** @param share the switch from {@code --share} or the file ({@code on}, {@code off}), or null if unset */
    static ShareMode mode(ConfigFile config, String share) {
        if ("off".equals(share)) {
            return ShareMode.OFF;
        }
        List<String> mode = config.all("share-mode");
        if (!mode.isEmpty()) {
            return value(config, "share-mode", ShareMode::parse);
        }
        return "on".equals(share) ? ShareMode.ALL : ShareMode.OFF;
    }

    static ShareSettings settings(ConfigFile config, ShareMode mode) {
        PrivacyConfig defaults = PrivacyConfig.defaults();
        int k = optional(config, "share-k", v -> positive(Integer.parseInt(v))).orElse(defaults.k());
        int officeK = optional(config, "share-office-k", v -> nonNegative(Integer.parseInt(v)))
                .orElse(defaults.officeK());
        DonorConfig donor = onOff(config, "share-donate")
                ? DonorConfig.of(optional(config, "share-donate-blobs", v -> nonNegative(Integer.parseInt(v)))
                        .orElse(1000), optional(config, "share-donate-bytes", ByteSizeConverter::parse)
                        .orElse(10L << 30))
                : DonorConfig.NONE;
        Set<String> deniedPackages = new HashSet<>(config.all("share-deny-package"));
        int holeBudget = optional(config, "share-hole-budget", v -> nonNegative(Integer.parseInt(v)))
                .orElse(defaults.holeBudget());
        PrivacyConfig privacy = new PrivacyConfig(mode, k, defaults.phi(), officeK, defaults.officeRho(), donor,
                deniedPackages, holeBudget);
        Set<PublisherKey> keys = new HashSet<>();
        for (String key : config.all("share-publisher-key")) {
            keys.add(parse(config, "share-publisher-key", key, PublisherKey::parse));
        }
        Set<Digest> denied = new HashSet<>();
        for (String d : config.all("share-deny")) {
            denied.add(parse(config, "share-deny", d, Digest::parse));
        }
        Duration interval = optional(config, "share-interval", v -> new DhtCommand.DurationConverter().convert(v))
                .orElse(ShareSettings.DEFAULT_REPLAN);
        Duration joinWindow = optional(config, "share-join-window",
                v -> new DhtCommand.DurationConverter().convert(v)).orElse(ShareSettings.DEFAULT_JOIN_WINDOW);
        if (mode == ShareMode.CANONICAL && config.all("share-manifest").isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, "bad config: " + config.path()
                    + ": share-mode = canonical needs share-manifest (and share-publisher-key, share-profile)");
        }
        return new ShareSettings(privacy, optional(config, "share-profile", v -> v), keys,
                manifest(config, "share-manifest"), manifest(config, "share-office-manifest"), denied, interval,
                joinWindow);
    }

    static GateConfig gates(ConfigFile config) {
        return new GateConfig(optional(config, "upload-monthly-cap", ByteSizeConverter::parse).orElse(0L),
                optional(config, "upload-rate", ByteSizeConverter::parse).orElse(0L),
                optional(config, "upload-hours", GateConfig.Hours::parse), onOff(config, "upload-on-battery"),
                onOff(config, "upload-on-metered"), ZoneId.systemDefault());
    }

    private static boolean onOff(ConfigFile config, String key) {
        try {
            return config.onOff(key, false);
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "bad config: " + e.getMessage(), e);
        }
    }

    private static Optional<ManifestRef> manifest(ConfigFile config, String key) {
        return optional(config, key, Digest::parse).map(d -> new ManifestRef(d, config.all(key + "-url")));
    }

    private static <T> Optional<T> optional(ConfigFile config, String key, Function<String, T> parse) {
        List<String> v = config.all(key);
        return v.isEmpty() ? Optional.empty() : Optional.of(parse(config, key, v.getFirst(), parse));
    }

    private static <T> T value(ConfigFile config, String key, Function<String, T> parse) {
        return parse(config, key, config.all(key).getFirst(), parse);
    }

    private static <T> T parse(ConfigFile config, String key, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException | ManifestException | picocli.CommandLine.TypeConversionException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "bad config: " + config.path() + ": " + key + ": "
                    + e.getMessage(), e);
        }
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1: " + n);
        }
        return n;
    }

    private static int nonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("must be at least 0: " + n);
        }
        return n;
    }
}
