package io.usp.protocol.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides whether the server certificate on disk can be kept or must be issued afresh. */
final class ServerCertificateCheck {

    /** A certificate this close to expiry is replaced at the next start. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private ServerCertificateCheck() {
    }

    /** Why the files must be replaced, or empty when they are fine. */
    static Optional<String> reasonToReissue(
            Path certFile, Path keyFile, X509Certificate ca, List<String> names, Instant now) {
        if (!Files.exists(certFile) || !Files.exists(keyFile)) {
            return Optional.of("no server certificate yet");
        }
        X509Certificate cert;
        PrivateKey key;
        try {
            cert = Pem.readCertificate(certFile);
            key = Pem.readPrivateKey(keyFile);
        } catch (IOException e) {
            return Optional.of("existing files unreadable (" + e.getMessage() + ")");
        }
        if (!signedBy(cert, ca)) {
            return Optional.of("existing certificate was not signed by this CA");
        }
        if (!Certificates.matches(key, cert.getPublicKey())) {
            return Optional.of("existing key does not match the certificate");
        }
        if (cert.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
            return Optional.of("existing certificate expires " + cert.getNotAfter().toInstant());
        }
        try {
            Set<String> have = SubjectNames.of(cert);
            Set<String> want = SubjectNames.normalize(names);
            if (!have.equals(want)) {
                return Optional.of("names changed from " + have + " to " + want);
            }
        } catch (GeneralSecurityException e) {
            return Optional.of("existing names unreadable (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate ca) {
        if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
