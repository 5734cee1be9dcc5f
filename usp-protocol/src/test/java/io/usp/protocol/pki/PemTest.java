package io.usp.protocol.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    @TempDir
    Path dir;

    @Test
    void privateKeyIsPkcs8OwnerOnlyAndReadsBack() throws IOException {
        KeyPair pair = Certificates.newKeyPair();
        Path file = dir.resolve("a.key");

        Pem.writePrivateKey(file, pair.getPrivate());

        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Pem.readPrivateKey(file)).isEqualTo(pair.getPrivate());
        assertThat(dir.toFile().list()).containsExactly("a.key");
    }

    @Test
    void certificateIsPublicAndReadsBack() throws IOException {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir);
        Path file = dir.resolve("copy.crt");

        Pem.writeCertificate(file, ca.certificate());

        X509Certificate read = Pem.readCertificate(file);
        assertThat(read).isEqualTo(ca.certificate());
        assertThat(Files.readString(file)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void overwritingKeepsTheMode() throws IOException {
        Path file = dir.resolve("b.key");
        Pem.writePrivateKey(file, Certificates.newKeyPair().getPrivate());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        KeyPair second = Certificates.newKeyPair();
        Pem.writePrivateKey(file, second.getPrivate());

        assertThat(Pem.readPrivateKey(file)).isEqualTo(second.getPrivate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void wrongKindOfPemIsAClearError() throws IOException {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir);

        assertThatThrownBy(() -> Pem.readPrivateKey(ca.caFile()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected an unencrypted PEM private key");
    }
}
