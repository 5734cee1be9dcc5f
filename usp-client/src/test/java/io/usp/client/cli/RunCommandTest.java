package io.usp.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ClientCredentials;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run} refuses a private key that other users may read, before it dials anything. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void aKeyOthersMayReadStopsTheClientWithTheFix() throws Exception {
        ClientCredentials creds = CertificateAuthority.loadOrCreate(dir.resolve("server"))
                .issueClient("agent-a", dir.resolve("agent"));
        Files.setPosixFilePermissions(creds.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        Path config = Files.writeString(dir.resolve("agent/client.yaml"), """
                name: agent-a
                server: { host: 127.0.0.1, port: 1 }
                tls: { cert: agent-a.crt, key: agent-a.key, ca: ca.crt }
                allow: []
                """);
        StringWriter err = new StringWriter();
        CommandLine cli = ClientMain.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("run", "--config", config.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(creds.keyFile().toString(), "rw-r--r--", "chmod 600");
    }
}
