package io.usp.deployments.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.Deployment;
import io.usp.deployments.PortRange;
import io.usp.deployments.Target;
import io.usp.deployments.route.FtpRoute;
import io.usp.deployments.route.FtpSettings;
import io.usp.deployments.route.Mode;
import io.usp.deployments.route.TargetTls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An FTP deployment as written in YAML: its settings, the errors that name their field, and the way back. */
class FtpEntryTest {

    @TempDir
    Path dir;

    private static final String ISSUE_EXAMPLE = """
            deployments:
              - name: partner-ftp
                mode: ftp
                listener: { bind: 0.0.0.0, port: 2121 }
                ipFilter: { allow: [198.51.100.0/24], defaultAction: block }
                target: { host: ftp.internal, port: 21 }
                client: agent-a
                ftp:
                  passivePorts: "30000-30099"
                  publicAddress: 203.0.113.10
                  tls: explicit
                  certificate: { cert: ftp.crt, key: ftp.key }
                  readOnly: false
                  denyCommands: [site, MDTM]
            """;

    private Deployment read(String yaml) throws IOException {
        return new EntryFile(dir).read(yaml);
    }

    private void fails(String yaml, String message) {
        new EntryFile(dir).fails(yaml, message);
    }

    @Test
    void theIssuesExampleReadsAndWritesBack() throws IOException {
        Deployment d = read(ISSUE_EXAMPLE);
        FtpRoute ftp = (FtpRoute) d.route();
        assertThat(ftp.mode()).isEqualTo(Mode.FTP);
        assertThat(ftp.target()).isEqualTo(new Target("ftp.internal", 21));
        assertThat(ftp.client()).contains("agent-a");
        assertThat(ftp.ftp()).isEqualTo(new FtpSettings(new PortRange(30000, 30099), Optional.of("203.0.113.10"),
                FtpSettings.Tls.EXPLICIT, Optional.of(new FtpSettings.Certificate("ftp.crt", "ftp.key")), false,
                Set.of("SITE", "MDTM")));
        assertThat(DeploymentEntry.readBody(DeploymentEntry.write(d), Map.of())).isEqualTo(d);
    }

    @Test
    void errorsNameTheField() {
        fails("""
                deployments:
                  - name: f
                    mode: ftp
                    listener: { port: 2121 }
                    target: { host: ftp.internal, port: 21 }
                """, "deployment 'f', field 'ftp': is required");
        fails(ftp("{ passivePorts: \"30099-30000\" }"),
                "deployment 'f', field 'ftp.passivePorts': " + rangeError("30099-30000"));
        fails(ftp("{ passivePorts: \"30000-30001\", publicAddress: ftp.example.com }"),
                "deployment 'f', field 'ftp': publicAddress 'ftp.example.com' must be an IPv4 address: PASV replies"
                + " carry nothing else");
        fails(ftp("{ passivePorts: \"30000-30001\", tls: explicit }"),
                "deployment 'f', field 'ftp': tls explicit needs a certificate (cert and key)");
        fails(ftp("{ passivePorts: \"30000-30001\", tls: sometimes }"),
                "deployment 'f', field 'ftp.tls': 'sometimes' is not one of off, explicit, implicit");
        fails(ftp("{ passivePorts: \"30000-30001\", denyCommands: [\"SITE CHMOD\"] }"),
                "deployment 'f', field 'ftp': 'SITE CHMOD' is not an FTP command (3 or 4 letters)");
        fails("""
                deployments:
                  - name: f
                    listener: { port: 2121 }
                    target: { host: ftp.internal, port: 21 }
                    ftp: { passivePorts: "30000-30001" }
                """, "deployment 'f', field 'ftp': is only for mode ftp; this deployment is mode tcp");
        fails("""
                deployments:
                  - name: f
                    mode: ftp
                    listener: { port: 2121 }
                    ftp: { passivePorts: "30000-30001" }
                """, "deployment 'f', field 'target': is required");
    }

    @Test
    void theTargetMaySpeakFtpsTrustingItsOwnCa() throws IOException {
        Deployment d = read(ftpTarget("tls: implicit, ca: /etc/usp/inside-ca.pem"));
        FtpRoute ftp = (FtpRoute) d.route();
        assertThat(ftp.targetTls()).isEqualTo(new TargetTls(FtpSettings.Tls.IMPLICIT, Optional.of("/etc/usp/inside-ca.pem")));
        assertThat(ftp.summary()).endsWith("(ftps implicit)");
        assertThat(DeploymentEntry.readBody(DeploymentEntry.write(d), Map.of())).isEqualTo(d);
        assertThat(((FtpRoute) read(ftp("{ passivePorts: \"30000-30001\" }")).route()).targetTls())
                .isEqualTo(TargetTls.OFF);
    }

    @Test
    void targetTlsErrorsNameTheField() {
        fails(ftpTarget("tls: always"),
                "deployment 'f', field 'target.tls': 'always' is not one of off, explicit, implicit");
        fails(ftpTarget("ca: ca.pem"), "deployment 'f', field 'target.ca': ca is only for tls explicit or implicit");
        fails("""
                deployments:
                  - name: f
                    listener: { port: 2121 }
                    target: { host: db.internal, port: 5432, tls: explicit }
                """, "deployment 'f', field 'target.tls': is only for mode ftp: a tcp deployment relays the"
                + " partner's own bytes, TLS or not");
    }

    /** A deployment of mode ftp whose target has {@code more} fields besides its host and port. */
    private static String ftpTarget(String more) {
        return """
                deployments:
                  - name: f
                    mode: ftp
                    listener: { port: 2121 }
                    target: { host: ftp.internal, port: 21, %s }
                    ftp: { passivePorts: "30000-30001" }
                """.formatted(more);
    }

    /** A deployment of mode ftp with the flow mapping {@code settings} as its {@code ftp}. */
    private static String ftp(String settings) {
        return """
                deployments:
                  - name: f
                    mode: ftp
                    listener: { port: 2121 }
                    target: { host: ftp.internal, port: 21 }
                    ftp: %s
                """.formatted(settings);
    }

    private static String rangeError(String text) {
        try {
            PortRange.parse(text);
            throw new AssertionError(text + " parsed");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
