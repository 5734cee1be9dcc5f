package io.usp.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bad server.yaml makes {@code run} exit with 2 and one line on stderr naming the file, the
 * deployment and the field, before anything is created or bound.
 */
@Timeout(120)
class ConfigErrorIT {

    @TempDir
    Path dir;

    private JarProcess server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("unknown key", """
                        - name: web
                          listener: { bind: 127.0.0.1, port: %1$d }
                          target: { host: 127.0.0.1, port: 8080 }
                          idleTimout: 1h
                        """, "deployment 'web'", "idleTimout"),
                Arguments.of("bad CIDR", """
                        - name: web
                          listener: { bind: 127.0.0.1, port: %1$d }
                          ipFilter: { allow: [10.0.0.0/33] }
                          target: { host: 127.0.0.1, port: 8080 }
                        """, "deployment 'web'", "ipFilter.allow[0]"),
                Arguments.of("duplicate port", """
                        - name: web
                          listener: { bind: 127.0.0.1, port: %1$d }
                          target: { host: 127.0.0.1, port: 8080 }
                        - name: ssh
                          listener: { bind: 127.0.0.1, port: %1$d }
                          target: { host: 127.0.0.1, port: 22 }
                        """, "deployment 'ssh'", "listener.port"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void runExitsWithTwoNamingFileDeploymentAndField(String what, String deployments, String entry, String field)
            throws Exception {
        int tunnelPort = FreePorts.pick();
        int listenerPort = FreePorts.pick();
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, """
                dataDir: data
                tunnel: { bind: 127.0.0.1, port: %d }
                deployments:
                """.formatted(tunnelPort) + deployments.formatted(listenerPort).indent(2));

        server = JarProcess.start(JarProcess.SERVER_JAR, dir, "server", "run", "--config", file.toString());

        assertThat(server.awaitExit()).as(server.transcript()).isEqualTo(2);
        String stderr = server.stderr().strip();
        assertThat(stderr).as("one line").doesNotContain("\n")
                .contains(file.toString(), entry, "field '" + field + "'");
        assertThat(server.stdout()).as("nothing started").doesNotContain("listener up", "is running");
        assertThat(dir.resolve("data")).as("no CA, no keys: rejected before anything was created").doesNotExist();
    }

    @Test
    void aCaKeyOthersMayReadStopsTheServerWithTheFix() throws Exception {
        Path file = dir.resolve("server.yaml");
        Files.writeString(file, """
                dataDir: data
                tunnel: { bind: 127.0.0.1, port: %d }
                admin: { enabled: false }
                """.formatted(FreePorts.pick()));
        try (JarProcess issue = JarProcess.start(JarProcess.SERVER_JAR, dir, "issue", "issue-client",
                "--config", file.toString(), "--name", "a", "--out", "a")) {
            assertThat(issue.awaitExit()).as(issue.transcript()).isZero();
        }
        Path key = dir.resolve("data/ca/ca.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        server = JarProcess.start(JarProcess.SERVER_JAR, dir, "server", "run", "--config", file.toString());

        assertThat(server.awaitExit()).as(server.transcript()).isEqualTo(1);
        assertThat(server.stderr().strip()).as("one line").doesNotContain("\n")
                .contains(key.toString(), "rw-r--r--", "chmod 600 " + key);
        assertThat(server.stdout()).doesNotContain("is running");
    }
}
