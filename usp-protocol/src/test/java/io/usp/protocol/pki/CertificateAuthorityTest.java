package io.usp.protocol.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    @TempDir
    Path dataDir;

    @Test
    void createsCaWithOwnerOnlyKeyAndLoadsItAgain() throws Exception {
        CertificateAuthority first = CertificateAuthority.loadOrCreate(dataDir);

        X509Certificate cert = first.certificate();
        assertThat(first.caFile()).isEqualTo(dataDir.resolve("ca/ca.crt"));
        assertThat(cert.getSubjectX500Principal().getName()).matches("CN=USP CA [0-9a-f]{8}");
        assertThat(cert.getBasicConstraints()).isEqualTo(0);
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(mode(dataDir.resolve("ca/ca.key"))).isEqualTo("rw-------");
        assertThat(mode(dataDir.resolve("ca"))).isEqualTo("rwx------");
        assertThat(Files.readString(dataDir.resolve("ca/ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

        CertificateAuthority second = CertificateAuthority.loadOrCreate(dataDir);
        assertThat(second.certificate()).isEqualTo(cert);
    }

    @Test
    void refusesHalfACa() throws Exception {
        CertificateAuthority.loadOrCreate(dataDir);
        Files.delete(dataDir.resolve("ca/ca.key"));

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(dataDir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("incomplete");
    }

    @Test
    void serverIdentityHasTheNamesAndIsKeptWhileTheyMatch() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dataDir);

        ServerIdentity identity = ca.serverIdentity(List.of("localhost", "127.0.0.1", "::1"));

        X509Certificate cert = Pem.readCertificate(identity.certFile());
        assertThat(cert.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"),
                        List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        cert.verify(ca.certificate().getPublicKey());
        assertThat(mode(identity.keyFile())).isEqualTo("rw-------");
        assertThat(identity.caFile()).isEqualTo(ca.caFile());

        ca.serverIdentity(List.of("127.0.0.1", "LOCALHOST", "0:0:0:0:0:0:0:1"));
        assertThat(Pem.readCertificate(identity.certFile())).isEqualTo(cert);
    }

    @Test
    void serverIdentityIsReissuedWhenNamesChange() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dataDir);
        ServerIdentity identity = ca.serverIdentity(List.of("localhost"));
        X509Certificate before = Pem.readCertificate(identity.certFile());

        ca.serverIdentity(List.of("localhost", "tunnel.example.com"));

        X509Certificate after = Pem.readCertificate(identity.certFile());
        assertThat(after).isNotEqualTo(before);
        assertThat(after.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(2, "tunnel.example.com"));
    }

    @Test
    void serverIdentityIsReissuedNearExpiryAndForAnotherCa() throws Exception {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dataDir, Clock.fixed(now, ZoneOffset.UTC));
        ServerIdentity identity = ca.serverIdentity(List.of("localhost"));
        X509Certificate first = Pem.readCertificate(identity.certFile());

        Clock later = Clock.fixed(now.plus(Duration.ofDays(340)), ZoneOffset.UTC);
        CertificateAuthority.loadOrCreate(dataDir, later).serverIdentity(List.of("localhost"));
        X509Certificate renewed = Pem.readCertificate(identity.certFile());
        assertThat(renewed).isNotEqualTo(first);

        // A new CA in the same data dir: the old server certificate no longer chains to it.
        Files.delete(dataDir.resolve("ca/ca.crt"));
        Files.delete(dataDir.resolve("ca/ca.key"));
        CertificateAuthority other = CertificateAuthority.loadOrCreate(dataDir, later);
        other.serverIdentity(List.of("localhost"));
        Pem.readCertificate(identity.certFile()).verify(other.certificate().getPublicKey());
    }

    @Test
    void issueClientWritesCertKeyAndCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dataDir);
        Path out = dataDir.resolve("issued");

        ClientCredentials credentials = ca.issueClient("agent-a", out);

        assertThat(credentials.certFile()).isEqualTo(out.resolve("agent-a.crt"));
        assertThat(credentials.keyFile()).isEqualTo(out.resolve("agent-a.key"));
        assertThat(credentials.caFile()).isEqualTo(out.resolve("ca.crt"));
        assertThat(Files.readString(credentials.certFile())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(credentials.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Pem.readCertificate(credentials.caFile())).isEqualTo(ca.certificate());
        assertThat(mode(credentials.keyFile())).isEqualTo("rw-------");

        X509Certificate cert = Pem.readCertificate(credentials.certFile());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=agent-a");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        cert.verify(ca.certificate().getPublicKey());
        assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(30), Duration.ofDays(31));
        assertThat(Certificates.matches(Pem.readPrivateKey(credentials.keyFile()), cert.getPublicKey())).isTrue();
    }

    @Test
    void clientNameMustBePlain() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dataDir);

        assertThatThrownBy(() -> ca.issueClient("../evil", dataDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client name '../evil' is invalid");
        assertThatThrownBy(() -> ca.issueClient("a,CN=b", dataDir)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
