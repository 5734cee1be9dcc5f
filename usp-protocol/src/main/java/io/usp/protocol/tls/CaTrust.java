package io.usp.protocol.tls;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.handler.ssl.SslProvider;
import io.netty.internal.tcnative.CertificateVerifier;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust in one CA, for either end of the tunnel. With BoringSSL, Netty turns a certificate that
 * does not chain to the CA into the TLS alert internal_error, which tells the peer nothing; this
 * trust manager makes it unknown_ca (RFC 8446 §6.2), so a client from another CA, or one that
 * trusts another server's CA, learns why it was refused. Expired, not yet valid and revoked
 * certificates keep Netty's own, already precise alerts.
 */
final class CaTrust extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager trust;
    private final boolean boringSsl;

    private CaTrust(X509ExtendedTrustManager trust, boolean boringSsl) {
        this.trust = trust;
        this.boringSsl = boringSsl;
    }

    static CaTrust of(X509Certificate ca, SslProvider provider) throws SSLException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return new CaTrust(extended, provider != SslProvider.JDK);
                }
            }
            throw new SSLException("the JDK offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new SSLException("cannot trust the CA " + ca.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        alerted(() -> trust.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        alerted(() -> trust.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        trust.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        trust.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trust.getAcceptedIssuers();
    }

    /** A chain that leads to no trusted CA becomes unknown_ca under BoringSSL; anything else is left as it is. */
    private void alerted(Check check) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException e) {
            if (!boringSsl || !notFromTheCa(e)) {
                throw e;
            }
            OpenSslCertificateException unknownCa = new OpenSslCertificateException(e.getMessage(),
                    CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
            unknownCa.initCause(e);
            throw unknownCa;
        }
    }

    private interface Check {
        void run() throws CertificateException;
    }

    private static boolean notFromTheCa(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertPathBuilderException) { // the JDK found no path to the CA at all
                return true;
            }
        }
        return false;
    }
}
