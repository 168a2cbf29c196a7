package io.intinode.node.cli;

import io.intinode.node.privacy.PrivacyConfig;
import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.ManifestBuilder;
import io.intinode.node.privacy.canon.ManifestCodec;
import io.intinode.node.privacy.canon.ManifestException;
import io.intinode.node.privacy.canon.SignedManifest;
import io.intinode.node.privacy.canon.SupportTable;
import io.intinode.store.Digest;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code intinode canon build}: an unsigned manifest from a table of public popularity data. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build an unsigned canonical manifest from a tab-separated table with the columns"
                + " profile, digest (sha256:<hex>), package, version, count[, size]; count is a holder count or"
                + " a download count. Level j of a profile lists the blobs with count >= max(k, n/2^j).",
            "With --office-hosts M it builds an office manifest instead (the LAN-only office set): the"
                + " table is one office's (profile = office name, count = office machines holding the blob,"
                + " participating or not, e.g. from the internal registry), and the one level lists the blobs"
                + " held by >= max(k, rho*M) of them and by fewer than n/64 hosts globally (--global,"
                + " --global-population).",
            "Sign the result with 'intinode canon sign'."})
final class CanonBuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE", description = "The support table (TSV).")
    Path table;

    @Option(names = "--k", defaultValue = "" + PrivacyConfig.DEFAULT_K,
            description = "Smallest count a listed blob needs (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--epoch", required = true, description = "Manifest epoch (increase it with every manifest).")
    long epoch;

    @Option(names = "--valid-for", defaultValue = "P30D",
            description = "How long hosts may use it, ISO-8601 duration (default ${DEFAULT-VALUE}).")
    Duration validFor;

    @Option(names = "--population", paramLabel = "PROFILE=N",
            description = "Hosts of a profile (n); default: the profile's largest count. Repeatable.")
    Map<String, Long> populations = new LinkedHashMap<>();

    @Option(names = {"--office-hosts", "--office-participants"}, paramLabel = "M",
            description = "Build an office manifest for an office of M hosts (see above; --office-participants is"
                    + " the old name).")
    Long officeHosts;

    @Option(names = "--rho", defaultValue = "" + PrivacyConfig.DEFAULT_OFFICE_RHO,
            description = "Office set: the share of office hosts that must hold a blob (default ${DEFAULT-VALUE}).")
    double rho;

    @Option(names = "--global", paramLabel = "TABLE",
            description = "Office set: a public support table (same columns); a blob's counts over all its profiles"
                    + " are its global holders. Blobs it does not list count as held by nobody outside.")
    Path global;

    @Option(names = "--global-population", paramLabel = "N",
            description = "Office set: participating hosts globally (n); a blob is rare below n/64. Required with"
                    + " --global.")
    Long globalPopulation;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file (default: stdout).")
    Path output;

    @Override
    public Integer call() {
        if (k < 1) {
            throw new CliException(ExitCodes.USAGE, "--k must be >= 1");
        }
        if (validFor.isNegative() || validFor.isZero()) {
            throw new CliException(ExitCodes.USAGE, "--valid-for must be positive");
        }
        List<SupportTable.Row> rows = read(table);
        if (officeHosts == null && (global != null || globalPopulation != null)) {
            throw new CliException(ExitCodes.USAGE, "--global and --global-population need --office-hosts");
        }
        if (global != null && globalPopulation == null) {
            throw new CliException(ExitCodes.USAGE, "--global needs --global-population");
        }
        Instant notAfter = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(validFor);
        CanonManifest m;
        try {
            m = officeHosts == null ? ManifestBuilder.build(rows, k, epoch, notAfter, populations)
                    : ManifestBuilder.office(rows, globalCounts(), officeHosts,
                            globalPopulation == null ? Long.MAX_VALUE : globalPopulation, k, rho, epoch, notAfter);
        } catch (ManifestException e) {
            throw CanonFiles.toCli(table, e);
        }
        CanonFiles.write(output, ManifestCodec.encode(SignedManifest.unsigned(m)), spec.commandLine().getOut());
        spec.commandLine().getErr().printf("built manifest epoch %d: %d profiles, %d blobs (unsigned)%n", epoch,
                m.profiles().size(), m.profiles().stream().mapToInt(p -> p.entryCount()).sum());
        return ExitCodes.OK;
    }

    /** Holders of each blob over every profile of the public table (none without --global). */
    private Map<Digest, Long> globalCounts() {
        Map<Digest, Long> counts = new HashMap<>();
        if (global != null) {
            for (SupportTable.Row r : read(global)) {
                counts.merge(r.digest(), r.count(), Long::sum);
            }
        }
        return counts;
    }

    private static List<SupportTable.Row> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return SupportTable.read(r);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "no such file: " + file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (ManifestException e) {
            throw CanonFiles.toCli(file, e);
        }
    }
}
