package io.usp.protocol.tls;

import io.usp.protocol.pki.Fingerprints;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server only if its certificate chain holds a CA certificate with the pinned SHA-256
 * fingerprint (the one in the enrollment token) and the server's certificate verifies up to that
 * CA, names included. Anything else fails the handshake, before the client has sent a byte of its
 * request: a client that was pointed at the wrong server tells it nothing.
 */
public final class PinnedCaTrust extends X509ExtendedTrustManager {

    private final String fingerprint;
    private final AtomicReference<X509Certificate> trusted = new AtomicReference<>();

    public PinnedCaTrust(String fingerprint) {
        this.fingerprint = Fingerprints.normalize(fingerprint);
    }

    /** The pinned CA certificate, once a handshake found it in the server's chain. */
    public Optional<X509Certificate> ca() {
        return Optional.ofNullable(trusted.get());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        X509Certificate ca = pinned(chain);
        anchoredAt(ca).checkServerTrusted(chain, authType, engine);
        trusted.set(ca);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        X509Certificate ca = pinned(chain);
        anchoredAt(ca).checkServerTrusted(chain, authType, socket);
        trusted.set(ca);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        X509Certificate ca = pinned(chain);
        anchoredAt(ca).checkServerTrusted(chain, authType);
        trusted.set(ca);
    }

    private X509Certificate pinned(X509Certificate[] chain) throws CertificateException {
        if (chain != null) {
            for (X509Certificate candidate : chain) {
                if (Fingerprints.same(fingerprint, Fingerprints.sha256(candidate))) {
                    return candidate;
                }
            }
        }
        throw new CertificateException("the server's certificate chain holds no CA with the token's fingerprint "
                + fingerprint + ": this is not the server the token was made for (or it is too old to send its CA)");
    }

    private static X509ExtendedTrustManager anchoredAt(X509Certificate ca) throws CertificateException {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new CertificateException("the JVM offers no PKIX trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateException("cannot check the server against the pinned CA: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("an enrolling client trusts no client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("an enrolling client trusts no client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("an enrolling client trusts no client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
