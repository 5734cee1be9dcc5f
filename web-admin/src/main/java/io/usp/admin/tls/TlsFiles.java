package io.usp.admin.tls;

import java.nio.file.Path;

/**
 * The admin server's HTTPS identity as PEM files.
 *
 * @param certificate the certificate chain, leaf first ({@code BEGIN CERTIFICATE} blocks)
 * @param privateKey  its key in PKCS#8 ({@code BEGIN PRIVATE KEY}), as the server's CA writes it
 */
public record TlsFiles(Path certificate, Path privateKey) {

    public TlsFiles {
        if (certificate == null || privateKey == null) {
            throw new IllegalArgumentException("admin https needs both a certificate and a private key file");
        }
    }
}
