package io.intinode.node.cli;

import picocli.CommandLine.Command;

/** {@code intinode canon}: build, sign, verify and inspect canonical manifests (docs/privacy.md). */
@Command(name = "canon", mixinStandardHelpOptions = true,
        description = "Canonical announcement manifests: the public ladders of blob sets hosts announce.",
        subcommands = {CanonKeygenCommand.class, CanonBuildCommand.class, CanonSignCommand.class,
            CanonVerifyCommand.class, CanonShowCommand.class})
final class CanonCommand {}
