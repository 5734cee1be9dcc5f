package io.usp.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version a USP jar was built as, read from the Maven metadata inside it. */
public final class BuildVersion {

    private BuildVersion() {
    }

    /** The version of {@code artifactId}; "development" when run from classes (IDE, tests). */
    public static String of(String artifactId) {
        String properties = "/META-INF/maven/io.usp/" + artifactId + "/pom.properties";
        try (InputStream in = BuildVersion.class.getResourceAsStream(properties)) {
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

    /** The {@code --version} lines of a USP program. */
    public static String[] describe(String artifactId) {
        return new String[] {
            artifactId + " " + of(artifactId),
            "tunnel protocol " + Protocol.ALPN + ", Java " + System.getProperty("java.version")
        };
    }
}
