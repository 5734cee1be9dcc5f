package io.usp.protocol.pki;

import java.io.IOException;
import java.nio.file.Path;

/** A client's certificate and key (PEM files) and the CA certificate it must trust. */
public record ClientCredentials(Path certFile, Path keyFile, Path caFile) {

    /** Whether the key file holds the private half of the certificate's key. */
    public boolean keyMatchesCertificate() throws IOException {
        return Certificates.matches(Pem.readPrivateKey(keyFile), Pem.readCertificate(certFile).getPublicKey());
    }
}
