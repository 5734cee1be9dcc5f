package io.usp.protocol.tls;

import io.usp.protocol.pki.ClientCredentials;
import io.usp.protocol.pki.Pem;
import java.io.IOException;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents its certificate whatever CAs the server asks for. A normal key manager stays silent
 * when its issuer is not in the server's list, which would test "no certificate" instead of
 * "a certificate the server must reject".
 */
final class InsistentKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "client";

    private final X509Certificate certificate;
    private final PrivateKey key;

    InsistentKeyManager(ClientCredentials credentials) throws IOException {
        this.certificate = Pem.readCertificate(credentials.certFile());
        this.key = Pem.readPrivateKey(credentials.keyFile());
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return ALIAS;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return ALIAS;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return new X509Certificate[] {certificate};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return key;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
