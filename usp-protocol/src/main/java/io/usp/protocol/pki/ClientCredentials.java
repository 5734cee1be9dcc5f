package io.usp.protocol.pki;

import java.nio.file.Path;

/** A client's certificate and key (PEM files) and the CA certificate it must trust. */
public record ClientCredentials(Path certFile, Path keyFile, Path caFile) {
}
