package io.usp.client.renew;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.Pem;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A certificate is renewed once less than a third of its lifetime is left. */
class RenewalDueTest {

    @TempDir
    Path dir;

    @Test
    void dueInTheLastThird() throws Exception {
        var creds = CertificateAuthority.loadOrCreate(dir.resolve("ca")).issueClient("agent-a", dir, Duration.ofDays(30));
        X509Certificate cert = Pem.readCertificate(creds.certFile());
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        Instant due = notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(3));

        assertThat(RenewalDue.at(cert)).isEqualTo(due);
        assertThat(RenewalDue.due(cert, notBefore)).isFalse();
        assertThat(RenewalDue.due(cert, due.minusSeconds(1))).isFalse();
        assertThat(RenewalDue.due(cert, due)).isTrue();
        assertThat(RenewalDue.due(cert, notAfter.plusSeconds(1))).isTrue();
        assertThat(Duration.between(due, notAfter)).isBetween(Duration.ofDays(10), Duration.ofDays(10).plusMinutes(2));
    }
}
