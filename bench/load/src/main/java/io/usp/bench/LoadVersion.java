package io.usp.bench;

import io.netty.util.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: what a benchmark report should name, the Netty and the JVM the tool ran on. */
final class LoadVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        // the shaded jar keeps one Netty module's version file, whichever came first
        String netty = Version.identify().values().stream().findFirst().map(Version::artifactVersion).orElse("?");
        return new String[] {"usp-load, Netty " + netty + ", Java " + Runtime.version()};
    }
}
