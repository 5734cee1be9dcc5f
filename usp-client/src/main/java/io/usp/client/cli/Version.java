package io.usp.client.cli;

import io.usp.protocol.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version (from the jar's Maven metadata), the protocol and the JVM. */
final class Version implements IVersionProvider {

    private static final String POM_PROPERTIES = "/META-INF/maven/io.usp/usp-client/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "usp-client " + of(),
            "tunnel protocol " + Protocol.ALPN + ", Java " + System.getProperty("java.version")
        };
    }

    /** The version this jar was built as; "development" when run from classes (IDE, tests). */
    static String of() {
        try (InputStream in = Version.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "development";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
