package io.usp.client.enroll;

import io.usp.client.enroll.EnrollExchange.Answer;
import io.usp.protocol.enroll.EnrollJson;
import io.usp.protocol.enroll.EnrollMessages.Issued;
import io.usp.protocol.enroll.EnrollMessages.Refused;
import io.usp.protocol.enroll.EnrollRefusal;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.Fingerprints;
import io.usp.protocol.pki.Pem;
import io.usp.protocol.tls.TlsContexts;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The server's answer to an enrollment or renewal, checked before anything is written: the
 * certificate must be for the key this client made, signed by the CA it pinned or trusts, and
 * name a valid client.
 *
 * @param name        the name the server knows this client by (the certificate's CN)
 * @param certificate the new client certificate
 * @param ca          the CA certificate that signed it
 */
public record IssuedAnswer(String name, X509Certificate certificate, X509Certificate ca) {

    /** Reads {@code answer}; a refusal becomes an {@link EnrollFailed} with the server's reason. */
    public static IssuedAnswer read(Answer answer, PublicKey expectedKey, String caFingerprint) throws EnrollFailed {
        if (answer.status() != 200) {
            Refused refused;
            try {
                refused = EnrollJson.MAPPER.readValue(answer.body(), Refused.class);
            } catch (IOException e) {
                throw new EnrollFailed("the server answered HTTP " + answer.status() + " without a reason");
            }
            Optional<EnrollRefusal> reason = EnrollRefusal.fromWireName(refused.error());
            throw new EnrollFailed("the server refused: " + refused.error() + ": " + refused.message(), reason, null);
        }
        Issued issued;
        X509Certificate cert;
        X509Certificate ca;
        try {
            issued = EnrollJson.MAPPER.readValue(answer.body(), Issued.class);
            cert = Pem.decodeCertificate(issued.certificate());
            ca = Pem.decodeCertificate(issued.ca());
        } catch (IOException e) {
            throw new EnrollFailed("the server's answer is unreadable: " + e.getMessage(), Optional.empty(), e);
        }
        if (!Fingerprints.same(Fingerprints.sha256(ca), caFingerprint)) {
            throw new EnrollFailed("the server sent a CA other than the one it was trusted by");
        }
        try {
            cert.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new EnrollFailed("the certificate the server sent is not signed by its CA");
        }
        if (!cert.getPublicKey().equals(expectedKey)) {
            throw new EnrollFailed("the certificate the server sent is not for the key this client made");
        }
        String name = TlsContexts.commonName(cert);
        try {
            CertificateAuthority.requireClientName(name);
        } catch (IllegalArgumentException e) {
            throw new EnrollFailed("the server issued a certificate with an unusable name: " + e.getMessage());
        }
        if (!name.equals(issued.name())) {
            throw new EnrollFailed("the server named the client '" + issued.name() + "' but issued to '" + name + "'");
        }
        return new IssuedAnswer(name, cert, ca);
    }
}
