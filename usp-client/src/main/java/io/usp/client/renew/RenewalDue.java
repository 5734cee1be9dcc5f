package io.usp.client.renew;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate is renewed: once less than a third of its lifetime is left (10 days of the
 * default 30). That leaves two thirds of a lifetime of retries before it expires, while the
 * client checks every hour.
 */
final class RenewalDue {

    private RenewalDue() {
    }

    static Instant at(X509Certificate certificate) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        return notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(3));
    }

    static boolean due(X509Certificate certificate, Instant now) {
        return !now.isBefore(at(certificate));
    }
}
