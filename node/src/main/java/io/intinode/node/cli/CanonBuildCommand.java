package io.intinode.node.cli;

import io.intinode.node.privacy.PrivacyConfig;
import io.intinode.node.privacy.canon.CanonManifest;
import io.intinode.node.privacy.canon.ManifestBuilder;
import io.intinode.node.privacy.canon.ManifestCodec;
import io.intinode.node.privacy.canon.ManifestException;
import io.intinode.node.privacy.canon.SignedManifest;
import io.intinode.node.privacy.canon.SupportTable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        List<SupportTable.Row> rows;
        try (Reader r = Files.newBufferedReader(table, StandardCharsets.UTF_8)) {
            rows = SupportTable.read(r);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "no such file: " + table);
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + table + ": " + e.getMessage(), e);
        } catch (ManifestException e) {
            throw CanonFiles.toCli(table, e);
        }
        CanonManifest m;
        try {
            m = ManifestBuilder.build(rows, k, epoch, Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(validFor), populations);
        } catch (ManifestException e) {
            throw CanonFiles.toCli(table, e);
        }
        CanonFiles.write(output, ManifestCodec.encode(SignedManifest.unsigned(m)), spec.commandLine().getOut());
        spec.commandLine().getErr().printf("built manifest epoch %d: %d profiles, %d blobs (unsigned)%n", epoch,
                m.profiles().size(), m.profiles().stream().mapToInt(p -> p.entryCount()).sum());
        return ExitCodes.OK;
    }
}
