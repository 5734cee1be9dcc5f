package io.usp.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.client.config.ClientConfig;
import io.usp.client.config.ClientConfigLoader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code issue-client} as a process: three PEM files, an owner-only key, and a client.yaml that loads. */
@Timeout(120)
class IssueClientIT {

    @TempDir
    Path dir;

    @Test
    void writesCertificateKeyAndCaAndPrintsAClientYaml() throws Exception {
        Files.writeString(dir.resolve("server.yaml"), """
                dataDir: data
                tunnel:
                  port: 7443
                  names: [relay.internal, relay.example.net]
                  publicAddress: relay.example.net:443
                deployments:
                  - name: ssh-build-box
                    listener: { port: 10022 }
                    target: { host: build.internal, port: 22 }
                    client: agent-a
                """);
        String stdout;
        try (JarProcess issue = JarProcess.start(JarProcess.SERVER_JAR, dir, "issue-client",
                "issue-client", "--config", "server.yaml", "--name", "agent-a", "--out", "out")) {
            assertThat(issue.awaitExit()).as(issue.transcript()).isZero();
            stdout = issue.stdout();
        }

        Path out = dir.resolve("out");
        Path crt = out.resolve("agent-a.crt");
        Path key = out.resolve("agent-a.key");
        Path ca = out.resolve("ca.crt");
        assertThat(Files.readString(crt)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----")
                .isEqualTo(Files.readString(dir.resolve("data/ca/ca.crt")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(stdout).contains(crt.toString(), key.toString(), ca.toString());

        X509Certificate client = certificate(crt);
        client.verify(certificate(ca).getPublicKey());
        assertThat(client.getSubjectX500Principal().getName()).contains("CN=agent-a");

        // the printed client.yaml is usable as it stands, next to the files
        String yaml = stdout.substring(stdout.indexOf("\nname: agent-a") + 1);
        Files.writeString(out.resolve("client.yaml"), yaml);
        ClientConfig config = ClientConfigLoader.load(out.resolve("client.yaml"));
        assertThat(config.server().host()).as("tunnel.publicAddress, not the first name")
                .isEqualTo("relay.example.net");
        assertThat(config.server().port()).as("tunnel.publicAddress, not the bound port").isEqualTo(443);
        assertThat(config.allow().permitsByName("build.internal", 22)).isTrue();
    }

    @Test
    void aTunnelPortPickedAtEachStartIsRefusedBeforeAnythingIsWritten() throws Exception {
        Files.writeString(dir.resolve("server.yaml"), "dataDir: data\ntunnel: { port: 0 }\n");
        try (JarProcess issue = JarProcess.start(JarProcess.SERVER_JAR, dir, "issue-client",
                "issue-client", "--config", "server.yaml", "--name", "agent-a", "--out", "out")) {
            assertThat(issue.awaitExit()).as(issue.transcript()).isEqualTo(2);
            assertThat(issue.stderr().strip()).as("one line").doesNotContain("\n")
                    .contains("server.yaml", "tunnel.port", "tunnel.publicAddress");
        }
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(dir.resolve("data/ca")).as("no CA made either").doesNotExist();
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
