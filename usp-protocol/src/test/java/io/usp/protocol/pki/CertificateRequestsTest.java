package io.usp.protocol.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.protocol.pki.CertificateRequests.RequestRefused;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateRequestsTest {

    @TempDir
    Path dir;

    @Test
    void aRequestYieldsItsKeyAndTheCaIssuesForTheKnownNameOnly() throws Exception {
        KeyPair pair = CertificateRequests.newKeyPair();
        String csr = CertificateRequests.create("whatever-the-client-says", pair);
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir);

        PublicKey key = CertificateRequests.verifiedKey(csr);
        X509Certificate cert = ca.issueClient("agent-a", key, Duration.ofDays(30));

        assertThat(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(key).isEqualTo(pair.getPublic());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=agent-a");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        cert.verify(ca.certificate().getPublicKey());
        assertThat(Certificates.matches(pair.getPrivate(), cert.getPublicKey())).isTrue();
        assertThat(CertificateAuthority.issuedAt(cert)).isBetween(
                java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(1));
    }

    @Test
    void aRequestSignedByAnotherKeyIsRefused() throws Exception {
        String honest = CertificateRequests.create("a", CertificateRequests.newKeyPair());
        // the signature is the last BIT STRING: changing a byte near the end breaks it and nothing else
        String body = honest.replace("-----BEGIN CERTIFICATE REQUEST-----", "")
                .replace("-----END CERTIFICATE REQUEST-----", "").replaceAll("\\s", "");
        byte[] der = java.util.Base64.getDecoder().decode(body);
        der[der.length - 3] ^= 0x01;
        String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n";

        assertThatThrownBy(() -> CertificateRequests.verifiedKey(tampered))
                .isInstanceOfSatisfying(RequestRefused.class,
                        e -> assertThat(e.problem()).isEqualTo(RequestRefused.Problem.BAD_SIGNATURE));
    }

    @Test
    void weakKeysAreRefusedAndStrongRsaIsAccepted() throws Exception {
        assertThatThrownBy(() -> CertificateRequests.verifiedKey(rsaRequest(1024)))
                .isInstanceOfSatisfying(RequestRefused.class, e -> {
                    assertThat(e.problem()).isEqualTo(RequestRefused.Problem.WEAK_KEY);
                    assertThat(e).hasMessageContaining("1024 bits");
                });
        assertThat(CertificateRequests.verifiedKey(rsaRequest(2048)).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void anythingButARequestIsUnreadable() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir);
        for (String junk : new String[] {"", "hello", Pem.encode(ca.certificate()), "x".repeat(9000),
                "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"}) {
            assertThatThrownBy(() -> CertificateRequests.verifiedKey(junk)).as(junk.substring(0, Math.min(20, junk.length())))
                    .isInstanceOfSatisfying(RequestRefused.class,
                            e -> assertThat(e.problem()).isEqualTo(RequestRefused.Problem.UNREADABLE));
        }
    }

    private static String rsaRequest(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        KeyPair pair = generator.generateKeyPair();
        var csr = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                Certificates.commonName("rsa"), pair.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                        .build(pair.getPrivate()));
        java.io.StringWriter out = new java.io.StringWriter();
        try (var writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(out)) {
            writer.writeObject(csr);
        }
        return out.toString();
    }
}
