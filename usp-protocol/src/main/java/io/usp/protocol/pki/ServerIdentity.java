package io.usp.protocol.pki;

import java.nio.file.Path;

/** The server's TLS certificate and key (PEM files) and the CA that signed it. */
public record ServerIdentity(Path certFile, Path keyFile, Path caFile) {
}
