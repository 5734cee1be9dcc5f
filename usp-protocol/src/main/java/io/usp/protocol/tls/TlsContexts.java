package io.usp.protocol.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.usp.protocol.Protocol;
import io.usp.protocol.pki.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * TLS for the tunnel port: TLS 1.3 only, trust in the server's own CA and nothing else, ALPN
 * {@link Protocol#ALPN} (the tunnel) or {@link Protocol#ENROLL_ALPN} (enrollment and renewal, see
 * {@link EnrollTls}). BoringSSL when it loads, else the JDK.
 *
 * <p>The server asks for a client certificate but does not require one in the handshake, because
 * a client enrolling has none yet; a certificate that is presented must verify, and a tunnel
 * ({@code usp/1}) without one is refused right after the handshake. The server sends its CA
 * certificate in its chain, so an enrolling client can pin it by fingerprint.
 *
 * <p>ALPN alone cannot refuse every wrong peer: a peer that offers no ALPN at all completes the
 * handshake with no protocol, and BoringSSL cannot send a fatal alert on a mismatch (Netty only
 * supports NO_ADVERTISE there). So after the handshake call {@link #requireAlpn(SslHandler)}.
 */
public final class TlsContexts {

    static final String TLS_13 = "TLSv1.3";
    static final String ENDPOINT_IDENTIFICATION = "HTTPS";

    private TlsContexts() {
    }

    public static SslContext tunnelServer(Path certFile, Path keyFile, Path caFile) throws SSLException {
        return tunnelServer(certFile, keyFile, caFile, provider());
    }

    static SslContext tunnelServer(Path certFile, Path keyFile, Path caFile, SslProvider provider)
            throws SSLException {
        PrivateKey key;
        X509Certificate leaf;
        X509Certificate ca;
        try {
            key = Pem.readPrivateKey(keyFile);
            leaf = Pem.readCertificate(certFile);
            ca = Pem.readCertificate(caFile);
        } catch (IOException e) {
            throw new SSLException("cannot read the server's TLS files: " + e.getMessage(), e);
        }
        return SslContextBuilder.forServer(key, leaf, ca)
                .trustManager(CaTrust.of(ca, provider))
                .clientAuth(ClientAuth.OPTIONAL)
                .sslProvider(provider)
                .protocols(TLS_13)
                .applicationProtocolConfig(alpn(provider, Protocol.ALPN, Protocol.ENROLL_ALPN))
                .build();
    }

    public static SslContext tunnelClient(Path certFile, Path keyFile, Path caFile) throws SSLException {
        return tunnelClient(certFile, keyFile, caFile, provider());
    }

    static SslContext tunnelClient(Path certFile, Path keyFile, Path caFile, SslProvider provider)
            throws SSLException {
        X509Certificate ca;
        try {
            ca = Pem.readCertificate(caFile);
        } catch (IOException e) {
            throw new SSLException("cannot read the CA certificate " + caFile + ": " + e.getMessage(), e);
        }
        return SslContextBuilder.forClient()
                .keyManager(certFile.toFile(), keyFile.toFile())
                .trustManager(CaTrust.of(ca, provider))
                .sslProvider(provider)
                .protocols(TLS_13)
                .endpointIdentificationAlgorithm(ENDPOINT_IDENTIFICATION)
                .applicationProtocolConfig(alpn(provider, Protocol.ALPN))
                .build();
    }

    /**
     * A client handler that also checks the server certificate's names against {@code serverHost},
     * so a client cannot be pointed at a server holding a certificate for another name.
     */
    public static SslHandler clientHandler(SslContext ctx, ByteBufAllocator alloc, String serverHost, int serverPort) {
        SslHandler handler = ctx.newHandler(alloc, serverHost, serverPort);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(ENDPOINT_IDENTIFICATION);
        engine.setSSLParameters(parameters);
        return handler;
    }

    /** Fails unless the finished handshake on {@code handler} agreed on {@link Protocol#ALPN}. */
    public static void requireAlpn(SslHandler handler) throws SSLHandshakeException {
        requireAlpn(handler, Protocol.ALPN);
    }

    /** Fails unless the finished handshake on {@code handler} agreed on {@code protocol}. */
    public static void requireAlpn(SslHandler handler, String protocol) throws SSLHandshakeException {
        String negotiated = handler.applicationProtocol();
        if (!protocol.equals(negotiated)) {
            throw new SSLHandshakeException("peer does not speak " + protocol + " (ALPN agreed on "
                    + (negotiated == null ? "nothing" : "'" + negotiated + "'")
                    + "); client and server must run compatible USP versions");
        }
    }

    /**
     * The server side: which of the tunnel port's protocols the handshake agreed on,
     * {@link Protocol#ALPN} or {@link Protocol#ENROLL_ALPN}; anything else fails.
     */
    public static String serverProtocol(SslHandler handler) throws SSLHandshakeException {
        String negotiated = handler.applicationProtocol();
        if (Protocol.ALPN.equals(negotiated) || Protocol.ENROLL_ALPN.equals(negotiated)) {
            return negotiated;
        }
        throw new SSLHandshakeException("peer does not speak " + Protocol.ALPN + " or " + Protocol.ENROLL_ALPN
                + " (ALPN agreed on " + (negotiated == null ? "nothing" : "'" + negotiated + "'")
                + "); client and server must run compatible USP versions");
    }

    /** The peer's verified leaf certificate, or empty when it presented none (an enrolling client). */
    public static Optional<X509Certificate> peerCertificate(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty(); // no certificate was presented: the handshake would have failed on a bad one
        }
    }

    /** The CN of the peer's leaf certificate: the client's name on the server side. */
    public static String peerName(SSLSession session) throws SSLPeerUnverifiedException {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            throw new SSLPeerUnverifiedException("peer presented no X.509 certificate");
        }
        String cn = commonName(leaf);
        if (cn == null) {
            throw new SSLPeerUnverifiedException("peer certificate subject '"
                    + leaf.getSubjectX500Principal() + "' has no CN");
        }
        return cn;
    }

    /** The first CN of a certificate's subject, or null if it has none. */
    public static String commonName(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cns = subject.getRDNs(BCStyle.CN);
        return cns.length == 0 ? null : IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    /** The TLS implementation in use, for logs. */
    public static String providerName() {
        return provider() == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")" : "JDK";
    }

    static SslProvider provider() {
        return OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL)
                && SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    static ApplicationProtocolConfig alpn(SslProvider provider, String... protocols) {
        // Netty's OpenSSL binding supports only NO_ADVERTISE/ACCEPT; the JDK can refuse a mismatch outright.
        return provider == SslProvider.JDK
                ? new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        SelectorFailureBehavior.FATAL_ALERT, SelectedListenerFailureBehavior.FATAL_ALERT, protocols)
                : new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, protocols);
    }
}
