package io.usp.protocol.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.usp.protocol.Protocol;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Client-side TLS for {@link Protocol#ENROLL_ALPN}. Use the handler of
 * {@link TlsContexts#clientHandler}, which also checks the server's names.
 */
public final class EnrollTls {

    private EnrollTls() {
    }

    /**
     * For a client that has only its token: no certificate of its own, and it trusts the server
     * only if the server's chain holds the CA the token names (see {@link PinnedCaTrust}).
     */
    public static SslContext pinned(PinnedCaTrust trust) throws SSLException {
        return pinned(trust, TlsContexts.provider());
    }

    static SslContext pinned(PinnedCaTrust trust, SslProvider provider) throws SSLException {
        return SslContextBuilder.forClient()
                .trustManager(trust)
                .sslProvider(provider)
                .protocols(TlsContexts.TLS_13)
                .endpointIdentificationAlgorithm(TlsContexts.ENDPOINT_IDENTIFICATION)
                .applicationProtocolConfig(TlsContexts.alpn(provider, Protocol.ENROLL_ALPN))
                .build();
    }

    /** For renewal: the client's current certificate authenticates it; it trusts its CA file as for the tunnel. */
    public static SslContext renewing(Path certFile, Path keyFile, Path caFile) throws SSLException {
        SslProvider provider = TlsContexts.provider();
        return SslContextBuilder.forClient()
                .keyManager(certFile.toFile(), keyFile.toFile())
                .trustManager(caFile.toFile())
                .sslProvider(provider)
                .protocols(TlsContexts.TLS_13)
                .endpointIdentificationAlgorithm(TlsContexts.ENDPOINT_IDENTIFICATION)
                .applicationProtocolConfig(TlsContexts.alpn(provider, Protocol.ENROLL_ALPN))
                .build();
    }
}
