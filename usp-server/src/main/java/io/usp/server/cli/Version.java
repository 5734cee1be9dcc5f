package io.usp.server.cli;

import io.usp.protocol.BuildVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version, the protocol and the JVM. */
final class Version implements IVersionProvider {

    static final String ARTIFACT = "usp-server";

    @Override
    public String[] getVersion() {
        return BuildVersion.describe(ARTIFACT);
    }

    static String of() {
        return BuildVersion.of(ARTIFACT);
    }
}
