package io.intinode.node.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = IntinodeCommand.class.getPackage().getImplementationVersion();
        return new String[] {"intinode " + (v != null ? v : "development build")};
    }
}
